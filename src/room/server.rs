//! Serving the room: one thread with a single-threaded tokio runtime. Its accept loop holds a
//! permit per open connection (beyond the cap, new connections wait in the kernel's queue), and
//! hyper serves each connection with a header read timeout (slow-loris clients and idle
//! connections are closed) and a write timeout (a client that stops reading is dropped).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use super::api::Peer;
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
        tokio::spawn(serve(
            stream,
            peer,
            router.clone(),
            limits.clone(),
            Open::new(permit, connections.clone()),
        ));
    }
}

/// A connection's place under the cap, given back when the connection ends.
struct Open {
    _permit: OwnedSemaphorePermit,
    count: Arc<AtomicUsize>,
}

impl Open {
    fn new(permit: OwnedSemaphorePermit, count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::Relaxed);
        Open {
            _permit: permit,
            count,
        }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::Relaxed);
    }
}

async fn serve(stream: TcpStream, peer: SocketAddr, router: Router, limits: Limits, _open: Open) {
    let _ = stream.set_nodelay(true);
    let mut io = TimeoutStream::new(stream);
    io.set_write_timeout(Some(limits.write_timeout));
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(Peer(peer));
        router.clone().oneshot(request)
    });
    // Errors here are a client's (a timeout, a reset, bad HTTP): the connection ends, nothing else.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(Box::pin(io)), service)
        .await;
}
