//! The room's HTTP contract (docs/ROOM.md), through its router without a network: every refusal
//! with its status and reason, notes, withdrawals and votes reaching a host that applies them
//! through `Document::apply`, and hidden text never reaching anyone but its writer.

// Test code: a failed setup step should stop the run where it happened.
#![allow(clippy::unwrap_used)]

mod room_support;

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

#[tokio::test]
async fn the_page_and_its_assets_are_served_under_a_strict_policy() {
    let (_host, api) = setup(quick_limits());
    for (path, kind) in [
        ("/", "text/html"),
        ("/room.js", "text/javascript"),
        ("/room.css", "text/css"),
    ] {
        let r = api.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(kind)
        );
        let policy = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"));
    }
    let page = api.get("/", None).await.body;
    assert!(page.contains("<script src=\"/room.js\""));
    let script = api.get("/room.js", None).await.body;
    assert!(
        !script.contains("innerHTML"),
        "participant text only as textContent"
    );
    assert!(script.contains("crypto.getRandomValues") && !script.contains("randomUUID()"));
    assert_eq!(
        api.get("/nope", None).await.refused().0,
        StatusCode::NOT_FOUND
    );
    let r = api.get("/api/notes", None).await;
    assert_eq!(r.refused().0, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn joining_takes_the_key_or_the_typed_code_and_says_what_is_wrong() {
    let (_host, api) = setup(quick_limits());
    let join = |body: serde_json::Value| {
        let api = &api;
        async move {
            api.send(Method::POST, "/api/join", None, &body.to_string())
                .await
        }
    };
    let wrong = join(serde_json::json!({ "key": "0000" })).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(
        wrong.error().contains("wrong room key or join code"),
        "{}",
        wrong.body
    );
    let code = api.hub.join_code().to_lowercase();
    let typed = format!("{}-{}", &code[..3], &code[3..]);
    let r = join(serde_json::json!({ "key": typed, "name": "  Ana \n Lima " })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["name"], "Ana Lima");
    let r = join(serde_json::json!({ "key": api.hub.key() })).await;
    assert_eq!(r.json()["name"], "anonymous");
    assert_ne!(r.json()["token"], serde_json::Value::Null);

    let long = join(serde_json::json!({ "key": api.hub.key(), "name": "n".repeat(101) })).await;
    assert_eq!(
        long.refused(),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "your name is 101 characters long; it can hold up to 100".into()
        )
    );
    let control = join(serde_json::json!({ "key": api.hub.key(), "name": "a\u{7}b" })).await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = join(serde_json::json!({ "name": "Ana" })).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.error().contains("missing field `key`"),
        "{}",
        missing.body
    );
    let not_json = api.send(Method::POST, "/api/join", None, "{key: 1").await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert!(
        not_json.error().starts_with("not JSON"),
        "{}",
        not_json.body
    );
}

#[tokio::test]
async fn wrong_keys_are_limited_per_address() {
    let (_host, api) = setup(Limits {
        failed_joins: Rate {
            burst: 3,
            per_second: 0.01,
        },
        ..quick_limits()
    });
    let guess = serde_json::json!({ "key": "AAAAAA" }).to_string();
    for _ in 0..3 {
        let r = api.send(Method::POST, "/api/join", None, &guess).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    let right = serde_json::json!({ "key": api.hub.key() }).to_string();
    let r = api.send(Method::POST, "/api/join", None, &right).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even a right key waits"
    );
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    let other = api.from("127.0.0.2:50000");
    let r = other.send(Method::POST, "/api/join", None, &right).await;
    assert_eq!(r.status, StatusCode::OK, "another phone is not held up");
}

#[tokio::test]
async fn every_api_call_needs_a_valid_token() {
    let (_host, api) = setup(quick_limits());
    let token = api.join("Ana").await;
    let calls: [(Method, &str, &str); 6] = [
        (Method::GET, "/api/board", ""),
        (Method::GET, "/api/events", ""),
        (
            Method::POST,
            "/api/notes",
            r#"{"target": "block:risks", "text": "x", "nonce": "n"}"#,
        ),
        (Method::POST, "/api/votes", r#"{"note": 1, "delta": 1}"#),
        (Method::DELETE, "/api/notes/1", ""),
        (Method::POST, "/api/notes/1/withdraw", ""),
    ];
    for (method, path, body) in calls {
        for bad in [None, Some("0123"), Some(&token[..31])] {
            let r = api.send(method.clone(), path, bad, body).await;
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {bad:?}"
            );
            assert!(r.error().contains("not in the room"), "{}", r.body);
        }
    }
    assert_eq!(api.view(&token).await["me"]["name"], "Ana");
}

#[tokio::test]
async fn requests_for_another_host_or_from_another_site_are_refused() {
    let (_host, api) = setup(quick_limits());
    let own = api.hub.addr().to_string();
    for host in [
        "evil.example",
        "evil.example:7878",
        "127.0.0.1:80",
        "localhost:7878",
    ] {
        let request = Request::builder()
            .uri("/")
            .header(header::HOST, host)
            .extension(Peer(api.peer))
            .body(Body::empty())
            .unwrap();
        let r = api.call(request).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "Host: {host}");
        assert!(
            r.error().contains(&format!("only at http://{own}/")),
            "{}",
            r.body
        );
    }
    let no_host = Request::builder()
        .uri("/")
        .extension(Peer(api.peer))
        .body(Body::empty())
        .unwrap();
    assert_eq!(api.call(no_host).await.status, StatusCode::FORBIDDEN);
    let body = serde_json::json!({ "key": api.hub.key() }).to_string();
    for (origin, status) in [
        ("http://evil.example".to_owned(), StatusCode::FORBIDDEN),
        (format!("https://{own}"), StatusCode::FORBIDDEN),
        ("null".to_owned(), StatusCode::FORBIDDEN),
        (format!("http://{own}"), StatusCode::OK),
    ] {
        let request = api
            .builder(Method::POST, "/api/join", None)
            .header(header::ORIGIN, &origin)
            .body(Body::from(body.clone()))
            .unwrap();
        let r = api.call(request).await;
        assert_eq!(r.status, status, "Origin: {origin}: {}", r.body);
    }
}

#[tokio::test]
async fn bodies_over_4_kb_are_refused_unread() {
    let (host, api) = setup(quick_limits());
    let token = api.join("Ana").await;
    let big =
        serde_json::json!({ "target": "block:risks", "text": "x".repeat(5000), "nonce": "n" })
            .to_string();
    let r = api
        .send(Method::POST, "/api/notes", Some(&token), &big)
        .await;
    assert_eq!(
        r.refused(),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request is over 4 KB".into()
        )
    );
    // Without a length up front (chunked), the limit holds as the body streams in.
    let chunks = futures_util::stream::iter(
        big.into_bytes()
            .chunks(512)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let request = api
        .builder(Method::POST, "/api/notes", Some(&token))
        .body(Body::from_stream(chunks))
        .unwrap();
    assert_eq!(
        api.call(request).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    host.sync();
    assert_eq!(host.doc().board().notes().len(), example().notes().len());
}

#[tokio::test]
async fn malformed_and_invalid_notes_say_what_is_wrong() {
    let (host, api) = setup(quick_limits());
    let token = api.join("Ana").await;
    let post = |body: &'static str| api.send(Method::POST, "/api/notes", Some(&token), body);
    let r = post("not json").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(r#"{"target": "block:risks", "text": "x"}"#).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.error().contains("missing field `nonce`"), "{}", r.body);
    let r = post(r#"{"target": "block:risks", "text": "x", "nonce": "n", "color": "red"}"#).await;
    assert!(r.error().contains("unknown field `color`"), "{}", r.body);
    let r = api
        .note(&token, "block:risks", &"é".repeat(281), "n1")
        .await;
    assert_eq!(
        r.refused(),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "the note is 281 characters long; it can hold up to 280".into()
        )
    );
    let r = api.note(&token, "block:risks", " \n\t ", "n2").await;
    assert_eq!(
        r.refused(),
        (StatusCode::UNPROCESSABLE_ENTITY, "the note is empty".into())
    );
    let r = api.note(&token, "block:risks", "a\u{0}b", "n3").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for nonce in ["", "has space", &"n".repeat(65)] {
        let r = api.note(&token, "block:risks", "fine", nonce).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "nonce {nonce:?}"
        );
    }
    for target in ["block:nope", "stage:4", "stage:-1", "risks", ""] {
        let r = api.note(&token, target, "fine", "n4").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "target {target:?}");
        assert!(r.error().contains("has no block or stage"), "{}", r.body);
    }
    // 280 characters (not bytes) fit, and nothing refused reached the board.
    let r = api
        .note(&token, "block:risks", &"é".repeat(280), "n5")
        .await;
    note_id(&r);
    host.sync();
    assert_eq!(
        host.doc().board().notes().len(),
        example().notes().len() + 1
    );
}

#[tokio::test]
async fn notes_land_where_chosen_with_their_author_and_a_nonce_makes_one_note() {
    let (host, api) = setup(quick_limits());
    let ana = api.join("Ana").await;
    let anon = api.join("").await;
    let block = note_id(
        &api.note(
            &ana,
            "block:created-value",
            "Riders own the soundtrack",
            "a1",
        )
        .await,
    );
    let stage = note_id(
        &api.note(&anon, "stage:2", "Music follows me\r\nhome", "b1")
            .await,
    );
    assert_eq!(
        note_id(&api.note(&ana, "block:created-value", "again", "a1").await),
        block
    );
    host.sync();
    let doc = host.doc();
    let board = doc.board();
    let n = board.note(NoteId(block)).unwrap();
    assert_eq!(
        (n.text.as_str(), n.author.as_deref()),
        ("Riders own the soundtrack", Some("Ana"))
    );
    let created = board
        .blocks()
        .iter()
        .position(|b| b.key == "created-value")
        .unwrap();
    assert_eq!(board.region_of(n), Some(Region::Block(created)));
    let n = board.note(NoteId(stage)).unwrap();
    assert_eq!(
        (n.text.as_str(), n.author.as_deref()),
        ("Music follows me\nhome", Some("anonymous"))
    );
    assert!(matches!(
        board.region_of(n),
        Some(Region::Cell { stage: 2, row: 0 })
    ));
    assert_eq!(
        board.notes().len(),
        example().notes().len() + 2,
        "the retry made no note"
    );
    assert_eq!(
        doc.undo_label(),
        Some("Note from anonymous"),
        "each note is an undo step"
    );
}

#[tokio::test]
async fn the_request_rate_is_limited_per_participant() {
    let (_host, api) = setup(Limits {
        requests: Rate {
            burst: 4,
            per_second: 0.5,
        },
        ..quick_limits()
    });
    let ana = api.join("Ana").await;
    let bea = api.join("Bea").await;
    for _ in 0..4 {
        api.view(&ana).await;
    }
    let r = api.get("/api/board", Some(&ana)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "2");
    assert!(r.error().contains("slow down"), "{}", r.body);
    api.view(&bea).await;
}

#[tokio::test]
async fn the_room_has_caps_on_people_and_notes() {
    let (_host, api) = setup(Limits {
        participants: 2,
        notes: 3,
        notes_per_participant: 2,
        ..quick_limits()
    });
    let ana = api.join("Ana").await;
    let bea = api.join("Bea").await;
    let body = serde_json::json!({ "key": api.hub.key() }).to_string();
    let full = api.send(Method::POST, "/api/join", None, &body).await;
    assert_eq!(
        full.refused(),
        (
            StatusCode::FORBIDDEN,
            "the room is full: it takes 2 people".into()
        )
    );
    note_id(&api.note(&ana, "block:risks", "one", "1").await);
    note_id(&api.note(&ana, "block:risks", "two", "2").await);
    let r = api.note(&ana, "block:risks", "three", "3").await;
    assert_eq!(
        r.refused(),
        (
            StatusCode::FORBIDDEN,
            "you have written 2 notes, the most one person can".into()
        )
    );
    note_id(&api.note(&bea, "block:risks", "three", "3").await);
    let r = api.note(&bea, "block:risks", "four", "4").await;
    assert_eq!(
        r.refused(),
        (
            StatusCode::FORBIDDEN,
            "the room has taken 3 notes, all it can".into()
        )
    );
}

#[tokio::test]
async fn a_locked_room_lets_nobody_new_in_and_removed_people_are_out() {
    let (host, api) = setup(quick_limits());
    let ana = api.join("Ana").await;
    host.with_host(|h| h.set_locked(true));
    let body = serde_json::json!({ "key": api.hub.key() }).to_string();
    let r = api.send(Method::POST, "/api/join", None, &body).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.error().contains("the room is locked"), "{}", r.body);
    api.view(&ana).await;
    host.with_host(|h| h.set_locked(false));
    let bea = api.join("Bea").await;
    let people = host.with_host(|h| h.participants());
    assert_eq!(
        people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Ana", "Bea"]
    );
    assert!(host.with_host(|h| h.remove(people[0].id)));
    assert_eq!(
        api.get("/api/board", Some(&ana)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(host.with_host(|h| h.participant_count()), 1);
    api.view(&bea).await;
}

#[tokio::test]
async fn only_ones_own_face_down_notes_can_be_withdrawn() {
    let (host, api) = setup(quick_limits());
    host.set_modes(|m| m.silent = true);
    let ana = api.join("Ana").await;
    let bea = api.join("Bea").await;
    let first = note_id(&api.note(&ana, "block:risks", "first", "1").await);
    let second = note_id(&api.note(&ana, "block:risks", "second", "2").await);
    host.sync();
    let r = api
        .send(
            Method::DELETE,
            &format!("/api/notes/{first}"),
            Some(&bea),
            "",
        )
        .await;
    assert_eq!(
        r.refused(),
        (StatusCode::NOT_FOUND, "no such note of yours".into())
    );
    let r = api
        .send(
            Method::DELETE,
            &format!("/api/notes/{first}"),
            Some(&ana),
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api
        .send(
            Method::POST,
            &format!("/api/notes/{first}/withdraw"),
            Some(&ana),
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "already gone");
    let r = api
        .send(Method::DELETE, "/api/notes/nope", Some(&ana), "")
        .await;
    assert_eq!(
        r.refused(),
        (StatusCode::NOT_FOUND, "no such note of yours".into())
    );
    host.edit("Reveal", room_ops::reveal_all);
    let r = api
        .send(
            Method::POST,
            &format!("/api/notes/{second}/withdraw"),
            Some(&ana),
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.error().contains("for all to see"), "{}", r.body);
    host.sync();
    assert!(host.doc().board().note(NoteId(first)).is_none());
    assert!(host.doc().board().note(NoteId(second)).is_some());
    let mine = api.view(&ana).await["mine"].clone();
    assert_eq!(mine.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn votes_follow_the_round_and_each_persons_dots() {
    let (host, api) = setup(quick_limits());
    let ana = api.join("Ana").await;
    let bea = api.join("Bea").await;
    let note = note_id(&api.note(&ana, "block:risks", "vote for me", "1").await);
    let other = host.doc().board().notes()[0].id;
    host.edit("Hide", |b| room_ops::set_face_down(b, &[other], true));
    let r = api.vote(&ana, note, 1).await;
    assert_eq!(
        r.refused(),
        (StatusCode::CONFLICT, "no voting round is on".into())
    );
    host.set_modes(|m| m.voting = true);
    assert_eq!(
        api.vote(&ana, other.0, 1).await.status,
        StatusCode::NOT_FOUND,
        "face down"
    );
    assert_eq!(
        api.vote(&ana, 999_999, 1).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.vote(&ana, note, 2).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for left in [2, 1, 0] {
        let r = api.vote(&ana, note, 1).await;
        assert_eq!(
            (r.status, r.json()["dots_left"].as_u64()),
            (StatusCode::OK, Some(left))
        );
    }
    let r = api.vote(&ana, note, 1).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.error().contains("all your 3 dots are placed"),
        "{}",
        r.body
    );
    let r = api.vote(&bea, note, -1).await;
    assert_eq!(
        r.refused(),
        (StatusCode::CONFLICT, "you have no dot on this note".into())
    );
    api.vote(&bea, note, 1).await;
    assert_eq!(api.vote(&ana, note, -1).await.status, StatusCode::OK);
    host.sync();
    assert_eq!(host.doc().board().note(NoteId(note)).unwrap().votes, 3);
    let view = api.view(&ana).await;
    assert_eq!(view["voting"]["dots_left"], 1);
    let shown = view["notes"].as_array().unwrap();
    let mine = shown.iter().find(|n| n["id"] == note).unwrap();
    assert_eq!(
        (mine["votes"].as_u64(), mine["my_dots"].as_u64()),
        (Some(3), Some(2))
    );
    // A round that ends gives everyone their dots back for the next one.
    host.set_modes(|m| m.voting = false);
    host.set_modes(|m| m.voting = true);
    assert_eq!(api.view(&ana).await["voting"]["dots_left"], 3);
}

/// Reads a live-update stream for `wait`, returning everything it sent.
async fn read_events(api: &Api, token: &str, wait: Duration) -> String {
    let request = api
        .builder(Method::GET, &format!("/api/events?token={token}"), None)
        .body(Body::empty())
        .unwrap();
    let response = api.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut stream = response.into_body().into_data_stream();
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(deadline, stream.next()).await {
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    text
}

#[tokio::test]
async fn hidden_text_reaches_only_its_writer() {
    let (host, api) = setup(quick_limits());
    host.set_modes(|m| m.silent = true);
    let ana = api.join("Ana").await;
    let bea = api.join("Bea").await;
    let secret = "SECRET-of-Ana";
    let id = note_id(&api.note(&ana, "block:risks", secret, "s1").await);
    host.sync();
    let bea_view = api.get("/api/board", Some(&bea)).await.body;
    assert!(!bea_view.contains(secret), "{bea_view}");
    let risks = api.view(&bea).await["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "block:risks")
        .unwrap()
        .clone();
    assert_eq!(risks["waiting"], 1, "others see a count");
    assert!(
        api.get("/api/board", Some(&ana))
            .await
            .body
            .contains(secret)
    );

    // Bea's live updates while Ana writes more, a round starts and the board changes.
    let events = {
        let watch = read_events(&api, &bea, Duration::from_millis(600));
        let write = async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            api.note(&ana, "stage:1", "SECRET-two", "s2").await;
            host.set_modes(|m| m.voting = true);
        };
        let (events, ()) = tokio::join!(watch, write);
        events
    };
    assert!(events.contains("event: view"), "{events}");
    assert!(!events.contains("SECRET"), "{events}");
    for r in [
        api.vote(&bea, id, 1).await,
        api.send(Method::DELETE, &format!("/api/notes/{id}"), Some(&bea), "")
            .await,
    ] {
        assert!(!r.body.contains("SECRET"), "{}", r.body);
    }
    // Revealed, it is there for everyone to vote on.
    host.edit("Reveal", room_ops::reveal_all);
    assert!(
        api.get("/api/board", Some(&bea))
            .await
            .body
            .contains(secret)
    );
}

#[tokio::test]
async fn a_slow_host_gets_a_503_and_the_retry_finds_the_same_note() {
    let (host, api) = setup(quick_limits());
    let ana = api.join("Ana").await;
    host.pause();
    let r = api.note(&ana, "block:risks", "patience", "slow").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers[header::RETRY_AFTER], "1");
    let r = api.note(&ana, "block:risks", "patience", "slow").await;
    assert_eq!(
        r.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "still busy, nothing sent twice"
    );
    host.resume();
    let id = note_id(&api.note(&ana, "block:risks", "patience", "slow").await);
    host.sync();
    let made: Vec<NoteId> = host
        .doc()
        .board()
        .notes()
        .iter()
        .filter(|n| n.text == "patience")
        .map(|n| n.id)
        .collect();
    assert_eq!(made, [NoteId(id)]);
    // A host that is gone answers at once: nothing was done, try again.
    host.close();
    let r = api.note(&ana, "block:risks", "into the void", "gone").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.error().contains("did not take the request"), "{}", r.body);
}
