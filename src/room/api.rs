//! The HTTP routes of docs/ROOM.md: the page, joining, the participant's view (once, or live by
//! server-sent events), notes, withdrawals and votes. Every refusal is a status with a JSON
//! `{"error": "…"}`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Extension, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::Stream;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::sync::watch;
use tokio::time::Instant;

use super::error::ApiError;
use super::host::{Dot, Outcome, Request as HostRequest};
use super::hub::{Hub, StreamView};
use super::limits::{MAX_BODY_BYTES, MAX_NAME_CHARS, MAX_NONCE_CHARS, MAX_NOTE_CHARS};
use super::session::{Answer, ParticipantId};
use super::snapshot::parse_target;
use crate::model::NoteId;
use crate::model::text::undisguised;

/// The address a request came from; the server adds it to every request (joins are limited per
/// address).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

type Shared = Arc<Hub>;

/// The room's routes, on `hub`.
pub fn router(hub: Arc<Hub>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/room.js", get(script))
        .route("/room.css", get(style))
        // Browsers ask for an icon; an empty answer keeps their consoles free of errors.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/join", post(join))
        .route("/api/board", get(board))
        .route("/api/events", get(events))
        .route("/api/notes", post(add_note))
        .route("/api/notes/{id}", axum::routing::delete(withdraw))
        .route("/api/notes/{id}/withdraw", post(withdraw))
        .route("/api/votes", post(vote))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such page") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "this address does not take that method",
            )
        })
        .layer(middleware::from_fn_with_state(hub.clone(), guard))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(hub)
}

/// Answers only requests addressed to the room itself: a `Host` naming another server is a DNS
/// rebinding attempt (a web page whose name points at this machine), and an `Origin` of another
/// site is a page trying to act for a participant.
async fn guard(State(hub): State<Shared>, request: Request, next: Next) -> Response {
    let own = hub.addr();
    let ours = |value: &str| {
        value == own.to_string() || (own.port() == 80 && value == own.ip().to_string())
    };
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !host.is_some_and(ours) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            format!("this room answers only at http://{own}/"),
        )
        .into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let same = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(ours);
        if !same {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "requests from other sites are refused",
            )
            .into_response();
        }
    }
    next.run(request).await
}

// ---- The page ----

/// No scripts, styles, frames or connections from anywhere else; no referrer leaves the page.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, PAGE_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", include_str!("page/index.html"))
}

async fn script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("page/room.js"),
    )
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", include_str!("page/room.css"))
}

// ---- Requests ----

/// A JSON body: 413 over the size limit, 400 when it is not JSON, 422 when it is JSON of the
/// wrong shape.
fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request is over {} KB", MAX_BODY_BYTES / 1024),
        ),
        status => ApiError::new(status, e.body_text()),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("invalid request: {e}"),
        ),
        _ => ApiError::new(StatusCode::BAD_REQUEST, format!("not JSON: {e}")),
    })
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// `text` as it is shown: bidirectional controls and invisible characters taken out (they could
/// make one name look like another, or turn the text around them back to front; see
/// [`crate::model::text`]), line ends made plain, the ends trimmed; refused when it holds other
/// control characters, which no keyboard types, or is too long.
fn clean(text: &str, what: &str, max: usize) -> Result<String, ApiError> {
    let text = undisguised(text)
        .replace("\r\n", "\n")
        .replace(['\u{2028}', '\u{2029}'], "\n");
    let text = text.trim();
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(invalid(format!("{what} holds control characters")));
    }
    let n = text.chars().count();
    if n > max {
        return Err(invalid(format!(
            "{what} is {n} characters long; it can hold up to {max}"
        )));
    }
    Ok(text.to_owned())
}

/// The participant's token: `Authorization: Bearer …`, or for live updates (an `EventSource`
/// cannot send headers) `?token=…`.
fn token<'a>(headers: &'a HeaderMap, query: Option<&'a str>) -> Option<&'a str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| {
            query?
                .split('&')
                .find_map(|pair| pair.strip_prefix("token="))
        })
}

fn participant(hub: &Hub, headers: &HeaderMap) -> Result<ParticipantId, ApiError> {
    hub.authorize(token(headers, None))
}

/// Waits for the host's answer; past the host timeout the request stays queued and the answer
/// is 503 (a retry with the same nonce then finds the note the host made meanwhile).
async fn answer(hub: &Hub, mut rx: watch::Receiver<Answer>) -> Result<Outcome, ApiError> {
    let busy = || {
        ApiError::retry(
            StatusCode::SERVICE_UNAVAILABLE,
            "the facilitator's Tandem is busy: trying again",
            Duration::from_secs(1),
        )
    };
    match tokio::time::timeout(hub.limits().host_timeout, rx.wait_for(Option::is_some)).await {
        Ok(Ok(answer)) => match answer.clone() {
            Some(result) => result.map_err(ApiError::from),
            None => Err(busy()),
        },
        Ok(Err(_)) | Err(_) => Err(busy()),
    }
}

fn no_store(status: StatusCode, body: serde_json::Value) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    key: String,
    #[serde(default)]
    name: Option<String>,
}

async fn join(
    State(hub): State<Shared>,
    Extension(Peer(peer)): Extension<Peer>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body: JoinBody = parse(body)?;
    let name = clean(
        body.name.as_deref().unwrap_or(""),
        "your name",
        MAX_NAME_CHARS,
    )?;
    // One line: a name is shown beside notes.
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = if name.is_empty() {
        "anonymous".to_owned()
    } else {
        name
    };
    let token = hub.join(&body.key, name.clone(), peer.ip())?;
    Ok(no_store(
        StatusCode::OK,
        serde_json::json!({ "token": token, "name": name }),
    ))
}

async fn board(State(hub): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    let id = participant(&hub, &headers)?;
    let json = hub
        .view_json(id)
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "not in the room"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        json,
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    target: String,
    text: String,
    nonce: String,
}

async fn add_note(
    State(hub): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let id = participant(&hub, &headers)?;
    let body: NoteBody = parse(body)?;
    let text = clean(&body.text, "the note", MAX_NOTE_CHARS)?;
    if text.is_empty() {
        return Err(invalid("the note is empty"));
    }
    let nonce = &body.nonce;
    if nonce.is_empty()
        || nonce.len() > MAX_NONCE_CHARS
        || !nonce.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(invalid(format!(
            "the nonce must be 1 to {MAX_NONCE_CHARS} letters, digits or signs"
        )));
    }
    let target = parse_target(&body.target)
        .filter(|_| hub.snapshot().targets.iter().any(|t| t.key == body.target))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("the board has no block or stage \"{}\"", body.target),
            )
        })?;
    let author = hub.name(id)?;
    let request = HostRequest::AddNote {
        target,
        text,
        author,
    };
    let note = match hub.start_note(id, nonce, request)? {
        Ok(note) => note,
        Err(rx) => match answer(&hub, rx).await? {
            Outcome::Added(note) => note,
            Outcome::Done => {
                return Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the host answered a new note without its id",
                ));
            }
        },
    };
    Ok(no_store(
        StatusCode::CREATED,
        serde_json::json!({ "id": note.0 }),
    ))
}

async fn withdraw(
    State(hub): State<Shared>,
    headers: HeaderMap,
    Path(note): Path<String>,
) -> Result<Response, ApiError> {
    let id = participant(&hub, &headers)?;
    let note: u64 = note
        .parse()
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, "no such note of yours"))?;
    let rx = hub.start_withdraw(id, NoteId(note))?;
    answer(&hub, rx).await?;
    Ok(no_store(
        StatusCode::OK,
        serde_json::json!({ "withdrawn": note }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteBody {
    note: u64,
    delta: i64,
}

async fn vote(
    State(hub): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let id = participant(&hub, &headers)?;
    let body: VoteBody = parse(body)?;
    let dot = match body.delta {
        1 => Dot::Add,
        -1 => Dot::TakeBack,
        other => return Err(invalid(format!("delta is {other}; it must be 1 or -1"))),
    };
    let rx = hub.start_vote(id, NoteId(body.note), dot)?;
    answer(&hub, rx).await?;
    Ok(no_store(
        StatusCode::OK,
        serde_json::json!({ "dots_left": hub.dots_left(id) }),
    ))
}

// ---- Live updates ----

async fn events(State(hub): State<Shared>, request: Request) -> Result<Response, ApiError> {
    let id = hub.authorize(token(request.headers(), request.uri().query()))?;
    let stream = hub
        .open_stream(id)
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "not in the room"))?;
    let mut response = Sse::new(live(hub, id, stream)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// One participant's live-update stream, registered in the session for as long as it lives.
struct Live {
    hub: Shared,
    id: ParticipantId,
    stream: u64,
    changes: watch::Receiver<u64>,
    last: Option<String>,
    next_ping: Instant,
    done: bool,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.hub.close_stream(self.id, self.stream);
    }
}

/// The participant's whole view now and after every change that alters it (`view` events),
/// a `ping` when quiet, and `removed` before ending if they are removed.
fn live(
    hub: Shared,
    id: ParticipantId,
    stream: u64,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let live = Live {
        changes: hub.changes(),
        next_ping: Instant::now() + hub.limits().ping,
        hub,
        id,
        stream,
        last: None,
        done: false,
    };
    futures_util::stream::unfold(live, |mut live| async move {
        if live.done {
            return None;
        }
        loop {
            live.changes.borrow_and_update();
            let event = match live.hub.stream_view(live.id, live.stream) {
                StreamView::Ended => return None,
                StreamView::Removed => {
                    live.done = true;
                    Some(
                        Event::default()
                            .event("removed")
                            .data("you were removed from the room"),
                    )
                }
                StreamView::View(json) if live.last.as_ref() != Some(&json) => {
                    let event = Event::default().event("view").data(&json);
                    live.last = Some(json);
                    Some(event)
                }
                StreamView::View(_) => None,
            };
            if let Some(event) = event {
                live.next_ping = Instant::now() + live.hub.limits().ping;
                return Some((Ok(event), live));
            }
            tokio::select! {
                changed = live.changes.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                () = tokio::time::sleep_until(live.next_ping) => {
                    live.next_ping = Instant::now() + live.hub.limits().ping;
                    return Some((Ok(Event::default().event("ping").data("")), live));
                }
            }
        }
    })
}
