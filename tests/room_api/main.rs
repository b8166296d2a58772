//! The room's HTTP contract (docs/ROOM.md), through its router without a network: every refusal
//! with its status and reason, notes, withdrawals and votes reaching a host that applies them
//! through `Document::apply`, and hidden text never reaching anyone but its writer.

// Test code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

#[path = "../room_support/mod.rs"]
mod room_support;

mod access;
mod live;
mod notes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use futures_util::StreamExt;
use room_support::{TestHost, example, quick_limits};
use tandem::model::{NoteId, Region, room as room_ops};
use tandem::room::{Hub, Limits, Peer, Rate, router};
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_default().to_owned()
    }

    /// The status and error, to compare in one assertion.
    fn refused(&self) -> (StatusCode, String) {
        (self.status, self.error())
    }
}

/// A client of the router, as a phone at `peer` would be.
struct Api {
    app: Router,
    hub: Arc<Hub>,
    peer: SocketAddr,
}

impl Api {
    fn new(hub: &Arc<Hub>) -> Api {
        Api {
            app: router(hub.clone()),
            hub: hub.clone(),
            peer: "127.0.0.1:50000".parse().unwrap(),
        }
    }

    fn from(&self, peer: &str) -> Api {
        Api {
            peer: peer.parse().unwrap(),
            ..Api::new(&self.hub)
        }
    }

    fn builder(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
    ) -> axum::http::request::Builder {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, self.hub.addr().to_string())
            .extension(Peer(self.peer));
        if let Some(token) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        b
    }

    async fn call(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    async fn send(&self, method: Method, path: &str, token: Option<&str>, body: &str) -> Reply {
        let request = self
            .builder(method, path, token)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.call(request).await
    }

    async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let request = self
            .builder(Method::GET, path, token)
            .body(Body::empty())
            .unwrap();
        self.call(request).await
    }

    async fn join(&self, name: &str) -> String {
        let body = serde_json::json!({ "key": self.hub.key(), "name": name }).to_string();
        let r = self.send(Method::POST, "/api/join", None, &body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()["token"].as_str().unwrap().to_owned()
    }

    async fn note(&self, token: &str, target: &str, text: &str, nonce: &str) -> Reply {
        let body = serde_json::json!({ "target": target, "text": text, "nonce": nonce });
        self.send(Method::POST, "/api/notes", Some(token), &body.to_string())
            .await
    }

    async fn vote(&self, token: &str, note: u64, delta: i64) -> Reply {
        let body = serde_json::json!({ "note": note, "delta": delta }).to_string();
        self.send(Method::POST, "/api/votes", Some(token), &body)
            .await
    }

    async fn view(&self, token: &str) -> serde_json::Value {
        let r = self.get("/api/board", Some(token)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()
    }
}

fn setup(limits: Limits) -> (TestHost, Api) {
    let (host, hub) = TestHost::router(example(), limits);
    (host, Api::new(&hub))
}

fn note_id(r: &Reply) -> u64 {
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_u64().unwrap()
}
