use super::*;
use crate::model::edit::Edit;
use crate::model::flow::FlowDirection;
use crate::model::region::Track;

fn sample() -> Board {
    let mut notes = Vec::new();
    for i in 1..=3 {
        let mut n = Note::new(NoteId(i), i as f32 * 300.0, 0.0);
        n.text = format!("note {i}");
        notes.push(n);
    }
    Board::from_parts(BoardParts {
        title: "Test".into(),
        blocks: vec![Block {
            key: "a".into(),
            title: "A".into(),
            prompt: "?".into(),
            rect: Rect::new(0.0, 0.0, 500.0, 500.0),
        }],
        lane: Some(Lane {
            title: "Journey".into(),
            origin: Point::new(0.0, 600.0),
            label_width: 100.0,
            header_height: 50.0,
            stages: vec![Track::new("Discover", 300.0), Track::new("Use", 300.0)],
            rows: vec![Track::new("Does", 200.0)],
        }),
        partners: vec![],
        notes,
        ..Default::default()
    })
}

#[test]
fn insert_remove_update_and_their_inverses() {
    let mut b = sample();
    let before = b.clone();
    let mut n = Note::new(NoteId(10), 5.0, 5.0);
    n.text = "new".into();
    let undo_insert = b.apply(Edit::InsertNotes(vec![(1, n.clone())]));
    assert_eq!(b.notes()[1].id, NoteId(10));
    assert_eq!(b.note(NoteId(10)), Some(&n));
    let mut moved = n.clone();
    moved.rect.x = 900.0;
    let undo_update = b.apply(Edit::UpdateNotes(vec![moved.clone()]));
    assert_eq!(b.note(NoteId(10)).unwrap().rect.x, 900.0);
    let undo_remove = b.apply(Edit::RemoveNotes(vec![NoteId(1), NoteId(10)]));
    assert_eq!(b.notes().len(), 2);
    b.apply(undo_remove);
    assert_eq!(b.note(NoteId(10)), Some(&moved));
    assert_eq!(b.notes()[0].id, NoteId(1));
    b.apply(undo_update);
    b.apply(undo_insert);
    assert_eq!(b, before);
}

#[test]
fn batch_inverse_runs_backwards() {
    let mut b = sample();
    let before = b.clone();
    let mut n = b.note(NoteId(2)).unwrap().clone();
    n.text = "changed".into();
    let undo = b.apply(Edit::Batch(vec![
        Edit::UpdateNotes(vec![n]),
        Edit::RemoveNotes(vec![NoteId(2)]),
        Edit::SetTitle("Other".into()),
    ]));
    assert_eq!(b.notes().len(), 2);
    b.apply(undo);
    assert_eq!(b, before);
}

#[test]
fn ids_are_never_reused() {
    let mut b = sample();
    let ids = b.new_note_ids(2);
    assert_eq!(ids, vec![NoteId(4), NoteId(5)]);
    b.apply(Edit::RemoveNotes(vec![NoteId(3)]));
    assert_eq!(b.new_note_ids(1), vec![NoteId(6)]);
}

#[test]
fn inserting_an_existing_id_is_skipped() {
    let mut b = sample();
    let dup = Note::new(NoteId(1), 0.0, 0.0);
    let undo = b.apply(Edit::InsertNotes(vec![(0, dup)]));
    assert_eq!(b.notes().len(), 3);
    assert_eq!(undo, Edit::RemoveNotes(vec![]));
}

#[test]
fn geometry_is_sanitised() {
    let mut b = sample();
    let mut n = b.note(NoteId(1)).unwrap().clone();
    n.rect = Rect::new(f32::NAN, f32::INFINITY, -5.0, 1e9);
    b.apply(Edit::UpdateNotes(vec![n]));
    let r = b.note(NoteId(1)).unwrap().rect;
    assert_eq!(r, Rect::new(0.0, 0.0, Note::MIN_SIZE, Note::MAX_SIZE));
}

#[test]
fn texts_votes_and_voting_stay_within_the_limits() {
    let mut b = sample();
    let mut n = b.note(NoteId(1)).unwrap().clone();
    n.text = "é".repeat(MAX_TEXT_CHARS + 10);
    n.author = Some("ü".repeat(MAX_AUTHOR_CHARS + 1));
    n.votes = u32::MAX;
    b.apply(Edit::UpdateNotes(vec![n]));
    let n = b.note(NoteId(1)).unwrap();
    assert_eq!(n.text.chars().count(), MAX_TEXT_CHARS);
    assert_eq!(
        n.author.as_deref().map(|a| a.chars().count()),
        Some(MAX_AUTHOR_CHARS)
    );
    assert_eq!(n.votes, MAX_VOTES);
    b.apply(Edit::SetTitle("t".repeat(MAX_TEXT_CHARS + 1)));
    assert_eq!(b.title().len(), MAX_TEXT_CHARS);
    b.apply(Edit::SetVoting(Voting {
        dots_per_person: u32::MAX,
        people: u32::MAX,
    }));
    assert_eq!(
        b.voting(),
        Voting {
            dots_per_person: MAX_DOTS_PER_PERSON,
            people: MAX_PEOPLE
        }
    );
}

#[test]
fn regions_follow_the_centre() {
    let b = sample();
    assert_eq!(b.region_at(Point::new(10.0, 10.0)), Some(Region::Block(0)));
    assert_eq!(
        b.region_at(Point::new(450.0, 700.0)),
        Some(Region::Cell { stage: 1, row: 0 })
    );
    assert_eq!(b.region_at(Point::new(50.0, 700.0)), None);
    assert_eq!(
        b.region_name(Region::Cell { stage: 1, row: 0 }),
        "Use · Does"
    );
    // Note 1 spans x 300..500: centre 400 is inside block A.
    assert_eq!(
        b.region_of(b.note(NoteId(1)).unwrap()),
        Some(Region::Block(0))
    );
    // Note 2 spans x 600..800: outside everything.
    assert_eq!(b.region_of(b.note(NoteId(2)).unwrap()), None);
}

fn flow(id: u64, from: u64, to: u64) -> Flow {
    Flow {
        id: FlowId(id),
        from: NoteId(from),
        to: NoteId(to),
        direction: FlowDirection::OneWay,
        label: String::new(),
        kind: Some(FlowKindId(1)),
    }
}

#[test]
fn flows_insert_update_remove_and_their_inverses() {
    let mut b = sample();
    let before = b.clone();
    let undo_insert = b.apply(Edit::InsertFlows(vec![
        (0, flow(1, 1, 2)),
        (1, flow(2, 2, 3)),
        (2, flow(3, 1, 99)),
        (3, flow(4, 2, 2)),
    ]));
    assert_eq!(
        b.flows().iter().map(|f| f.id.0).collect::<Vec<_>>(),
        [1, 2],
        "flows to a missing note or to the note itself are skipped"
    );
    let mut relabelled = flow(1, 1, 2);
    relabelled.label = "x".repeat(MAX_TEXT_CHARS + 5);
    let undo_update = b.apply(Edit::UpdateFlows(vec![relabelled]));
    assert_eq!(b.flow(FlowId(1)).unwrap().label.len(), MAX_TEXT_CHARS);
    let undo_remove = b.apply(Edit::RemoveFlows(vec![FlowId(2), FlowId(9)]));
    assert!(b.flow(FlowId(2)).is_none());
    b.apply(undo_remove);
    assert_eq!(b.flows()[1].id, FlowId(2), "back in its place");
    b.apply(undo_update);
    b.apply(undo_insert);
    assert_eq!(b, before);
    assert_eq!(b.new_flow_ids(1), vec![FlowId(5)], "ids are never reused");
}

#[test]
fn parallel_flows_are_drawn_side_by_side() {
    let mut b = sample();
    b.apply(Edit::InsertFlows(vec![
        (0, flow(1, 1, 2)),
        (1, flow(2, 2, 1)),
        (2, flow(3, 2, 3)),
    ]));
    let lines: Vec<_> = (0..3).map(|i| b.flow_line(i).unwrap()).collect();
    assert!((lines[0].from.y - lines[1].to.y).abs() > 10.0, "{lines:?}");
    let centre = b.note(NoteId(2)).unwrap().rect.center().y;
    assert_eq!(
        lines[2].from.y, centre,
        "a flow on its own runs centre to centre"
    );
    b.apply(Edit::RemoveFlows(vec![FlowId(2)]));
    assert_eq!(b.flow_line(0).unwrap().from.y, centre);
}

#[test]
fn from_parts_drops_what_cannot_be_a_flow() {
    let parts = sample().parts().clone();
    let mut unknown_kind = flow(3, 2, 3);
    unknown_kind.kind = Some(FlowKindId(77));
    let b = Board::from_parts(BoardParts {
        flows: vec![flow(1, 1, 2), flow(1, 2, 3), flow(2, 1, 9), unknown_kind],
        ..parts
    });
    let kept: Vec<(u64, Option<FlowKindId>)> = b.flows().iter().map(|f| (f.id.0, f.kind)).collect();
    assert_eq!(kept, [(1, Some(FlowKindId(1))), (3, None)]);
    assert_eq!(b.flow_kinds().len(), 5, "the default kinds");
    let mut b = b;
    assert_eq!(b.new_flow_kind_id(), FlowKindId(6));
}
