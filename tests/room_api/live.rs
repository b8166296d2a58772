//! Votes, live updates, hidden text, and a slow host.

use super::*;

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
