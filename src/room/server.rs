//! Serving the room: one thread with a single-threaded tokio runtime. Its accept loop holds a
//! permit per open connection (beyond the cap, new connections wait in the kernel's queue) and
//! counts them per address (beyond that cap, one address's new connections are closed at once, so
//! one device cannot take every place), and hyper serves each connection with a header read
//! timeout (slow-loris clients and idle connections are closed), a deadline for each request's
//! body (a body that stalls is answered 408 and its connection closed) and a write timeout (a
//! client that stops reading is dropped).

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use super::api::Peer;
use super::error::ApiError;
use super::limits::Limits;

/// The running server; [`Server::stop`] (or dropping it) closes every connection.
pub(crate) struct Server {
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    connections: Arc<AtomicUsize>,
}

impl Server {
    /// Serves `router` on `listener` until stopped.
    pub fn start(
        listener: std::net::TcpListener,
        router: Router,
        limits: Limits,
    ) -> io::Result<Server> {
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let listener = {
            let _in_runtime = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let (shutdown, stop) = oneshot::channel();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        let thread = std::thread::Builder::new()
            .name("tandem-room".into())
            .spawn(move || {
                runtime.block_on(accept(listener, router, limits, counter, stop));
                // Dropping the runtime here drops every connection task, and so every socket.
            })?;
        Ok(Server {
            shutdown: Some(shutdown),
            thread: Some(thread),
            connections,
        })
    }

    /// Connections open now.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    /// Stops accepting, closes every connection and waits for the thread to end.
    pub fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn accept(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    connections: Arc<AtomicUsize>,
    mut stop: oneshot::Receiver<()>,
) {
    let permits = Arc::new(Semaphore::new(limits.connections.max(1)));
    let per_address = Arc::new(Mutex::new(HashMap::new()));
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => return,
            },
            _ = &mut stop => return,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, or a connection reset before it was taken: wait a
                // little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        // Over its address's cap, the connection is closed here (dropped with its permit).
        let Some(open) = Open::new(
            permit,
            connections.clone(),
            per_address.clone(),
            peer.ip(),
            limits.connections_per_address,
        ) else {
            continue;
        };
        tokio::spawn(serve(stream, peer, router.clone(), limits.clone(), open));
    }
}

/// Open connections per address.
type PerAddress = Arc<Mutex<HashMap<IpAddr, usize>>>;

/// A connection's place under the caps, given back when the connection ends.
struct Open {
    _permit: OwnedSemaphorePermit,
    count: Arc<AtomicUsize>,
    per_address: PerAddress,
    ip: IpAddr,
}

impl Open {
    /// A place for a connection from `ip`, unless that address has `cap` open already.
    fn new(
        permit: OwnedSemaphorePermit,
        count: Arc<AtomicUsize>,
        per_address: PerAddress,
        ip: IpAddr,
        cap: usize,
    ) -> Option<Self> {
        {
            let mut open = per_address.lock().unwrap_or_else(PoisonError::into_inner);
            let n = open.entry(ip).or_insert(0);
            if *n >= cap.max(1) {
                return None;
            }
            *n += 1;
        }
        count.fetch_add(1, Ordering::Relaxed);
        Some(Open {
            _permit: permit,
            count,
            per_address,
            ip,
        })
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::Relaxed);
        let mut open = self
            .per_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A request body that must have arrived by a deadline: hyper bounds the time headers take, and
/// this bounds the body the same way (not the time between two pieces of it, which a client that
/// trickles a byte now and then would never exceed). Past the deadline it fails, and `expired`
/// tells the connection to answer 408 and close.
struct Deadline {
    body: Incoming,
    timer: Pin<Box<tokio::time::Sleep>>,
    expired: Arc<AtomicBool>,
}

impl Body for Deadline {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::BoxError>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        if this.timer.as_mut().poll(cx).is_ready() {
            this.expired.store(true, Ordering::Relaxed);
            // An error, not the end: a handler never acts on half a body.
            return Poll::Ready(Some(Err("the body did not arrive in time".into())));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

async fn serve(stream: TcpStream, peer: SocketAddr, router: Router, limits: Limits, _open: Open) {
    let _ = stream.set_nodelay(true);
    let mut io = TimeoutStream::new(stream);
    io.set_write_timeout(Some(limits.write_timeout));
    let body_timeout = limits.body_timeout;
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let expired = Arc::new(AtomicBool::new(false));
        let mut request = request.map(|body| Deadline {
            body,
            timer: Box::pin(tokio::time::sleep(body_timeout)),
            expired: expired.clone(),
        });
        request.extensions_mut().insert(Peer(peer));
        let answer = router.clone().oneshot(request);
        async move {
            let mut response = answer.await?;
            if expired.load(Ordering::Relaxed) {
                response = ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    format!(
                        "the request took over {} seconds to arrive",
                        body_timeout.as_secs()
                    ),
                )
                .into_response();
                // What is left of the body may never come: the connection ends with this answer.
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            Ok::<_, std::convert::Infallible>(response)
        }
    });
    // Errors here are a client's (a timeout, a reset, bad HTTP): the connection ends, nothing else.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(Box::pin(io)), service)
        .await;
}
