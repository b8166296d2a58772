//! Refusals as HTTP answers: a status and a JSON `{"error": "…"}` that says what and why.

use std::time::Duration;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::host::{Refusal, RefusalKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Seconds after which trying again may work (429, 503).
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    /// A refusal worth retrying after `wait` (rounded up to whole seconds, as the header wants).
    pub fn retry(status: StatusCode, message: impl Into<String>, wait: Duration) -> Self {
        ApiError {
            retry_after: Some(wait.as_secs_f64().ceil().max(1.0) as u64),
            ..ApiError::new(status, message)
        }
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r.kind {
            RefusalKind::NotFound => ApiError::new(StatusCode::NOT_FOUND, r.reason),
            RefusalKind::Conflict => ApiError::new(StatusCode::CONFLICT, r.reason),
            RefusalKind::Unanswered => {
                ApiError::retry(StatusCode::SERVICE_UNAVAILABLE, r.reason, Duration::ZERO)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        let mut response = (
            self.status,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response();
        if let Some(s) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, s.into());
        }
        response
    }
}
