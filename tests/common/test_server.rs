//! A small HTTP server on 127.0.0.1 for the translation engines' tests: each request
//! is recorded and answered by the test's handler (an answer, an error, silence, a
//! slow answer). Plain std: a listener and a thread per connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request the server received.
#[derive(Clone, Debug, Default)]
pub struct Recorded {
    /// `POST /translate`.
    pub request_line: String,
    /// The headers, as sent.
    pub headers: Vec<String>,
    /// The body.
    pub body: String,
}

impl Recorded {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the request body is JSON")
    }

    /// The value of header `name`, if sent.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

/// How the server answers.
pub enum Reply {
    /// This status and body (JSON, or whatever the test wants to send).
    Body(u16, String),
    /// Never answers (the connection stays open).
    Hang,
    /// Sends the client to this address (HTTP 307, which repeats the POST there).
    Redirect(String),
    /// Waits, then answers.
    After(Duration, Box<Reply>),
}

/// A running test server.
pub struct TestServer {
    /// Its address, `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl TestServer {
    /// Starts a server answering every request with `handler`.
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler = Arc::new(handler);
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                let recorded = Arc::clone(&recorded);
                std::thread::spawn(move || serve(stream, &*handler, &recorded));
            }
        });
        Self { url, requests }
    }

    /// A server answering every request with `status` and `body`.
    pub fn answering(status: u16, body: &str) -> Self {
        let body = body.to_owned();
        Self::start(move |_| Reply::Body(status, body.clone()))
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }
}

/// An address where nothing listens.
pub fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    url
}

fn serve(stream: TcpStream, handler: &dyn Fn(&Recorded) -> Reply, recorded: &Mutex<Vec<Recorded>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = Recorded::default();
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    request.request_line = line.trim().to_owned();
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        let header = line.trim().to_owned();
        if let Some((key, value)) = header.split_once(':')
            && key.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
        request.headers.push(header);
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    request.body = String::from_utf8_lossy(&body).into_owned();
    recorded.lock().expect("lock").push(request.clone());
    let mut reply = handler(&request);
    loop {
        match reply {
            Reply::Body(status, body) => {
                let mut stream = stream;
                let head = format!(
                    "HTTP/1.1 {status} Test\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
                let _ = stream.flush();
                return;
            }
            Reply::Redirect(location) => {
                let mut stream = stream;
                let head = format!(
                    "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.flush();
                return;
            }
            Reply::Hang => {
                std::thread::sleep(Duration::from_secs(120));
                return;
            }
            Reply::After(wait, then) => {
                std::thread::sleep(wait);
                reply = *then;
            }
        }
    }
}
