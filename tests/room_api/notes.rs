//! Notes: what is refused and why, where notes land, rates, caps, locking, withdrawing.

use super::*;

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
