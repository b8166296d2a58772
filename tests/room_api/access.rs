//! Getting in: the page, joining, wrong keys, tokens, foreign hosts and origins, body size.

use super::*;

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

/// Tried as a hostile participant: a right-to-left override and a zero-width space were admitted
/// as they were, so a name could pass for another one or turn the text around it back to front.
#[tokio::test]
async fn names_and_notes_cannot_disguise_themselves() {
    let (host, api) = setup(quick_limits());
    let body = serde_json::json!({ "key": api.hub.key(), "name": "\u{202E}evil\u{200B}name" });
    let r = api
        .send(Method::POST, "/api/join", None, &body.to_string())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["name"], "evilname");
    let token = r.json()["token"].as_str().unwrap().to_owned();
    let only_invisible = serde_json::json!({ "key": api.hub.key(), "name": "\u{200B}\u{2066}" });
    let r = api
        .send(Method::POST, "/api/join", None, &only_invisible.to_string())
        .await;
    assert_eq!(r.json()["name"], "anonymous");
    let id = note_id(
        &api.note(
            &token,
            "block:risks",
            "pay \u{2067}\u{202E}later\u{2069} 👩\u{200D}💻",
            "d1",
        )
        .await,
    );
    let r = api
        .note(&token, "block:risks", "\u{200B}\u{FEFF}", "d2")
        .await;
    assert_eq!(
        r.refused(),
        (StatusCode::UNPROCESSABLE_ENTITY, "the note is empty".into())
    );
    host.sync();
    let doc = host.doc();
    let note = doc.board().note(NoteId(id)).unwrap();
    assert_eq!(
        note.text, "pay later 👩\u{200D}💻",
        "the emoji's joiner stays"
    );
    assert_eq!(note.author.as_deref(), Some("evilname"));
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
