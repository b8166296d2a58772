//! Notes on the system clipboard: JSON that Tandem reads back, and plain text for everything else.

use serde::{Deserialize, Serialize};

use super::format::{FlowJson, FlowKindJson, NoteJson, PartnerJson};
use crate::model::ops::Copies;
use crate::model::{Board, Flow, FlowKindId, Note, NoteId, PartnerId, Rect};

const CLIPBOARD_FORMAT: &str = "tandem-clipboard";

#[derive(Serialize, Deserialize)]
struct Clip {
    format: String,
    notes: Vec<NoteJson>,
    /// The partners the notes are tagged with, so a paste into another board can match them by name.
    partners: Vec<PartnerJson>,
    /// The flows between copied notes (absent in text copied by a Tandem without flows).
    #[serde(default)]
    flows: Vec<FlowJson>,
    /// The kinds of those flows, matched by name like partners.
    #[serde(default)]
    flow_kinds: Vec<FlowKindJson>,
}

/// The clipboard text for some notes of `board`, with the flows between them.
pub fn copy_notes(board: &Board, ids: &[NoteId]) -> String {
    let copies = Copies::of(board, ids);
    let partners = board
        .partners()
        .iter()
        .filter(|p| copies.notes.iter().any(|n| n.partner == Some(p.id)))
        .map(PartnerJson::from)
        .collect();
    let flow_kinds = board
        .flow_kinds()
        .iter()
        .filter(|k| copies.flows.iter().any(|f| f.kind == Some(k.id)))
        .map(FlowKindJson::from)
        .collect();
    let clip = Clip {
        format: CLIPBOARD_FORMAT.to_owned(),
        notes: copies.notes.iter().map(NoteJson::from).collect(),
        partners,
        flows: copies.flows.iter().map(FlowJson::from).collect(),
        flow_kinds,
    };
    serde_json::to_string(&clip).expect("notes always serialise")
}

/// What to paste into `board` from clipboard text: Tandem's own notes and the flows between them
/// (partner tags and flow kinds matched to `board`'s by name), or one new note holding any other
/// text. Ids are placeholders; the paste gives them fresh ones.
pub fn notes_from_clipboard(board: &Board, text: &str) -> Copies {
    if let Ok(clip) = serde_json::from_str::<Clip>(text)
        && clip.format == CLIPBOARD_FORMAT
    {
        let notes = clip
            .notes
            .into_iter()
            .map(|n| Note {
                id: NoteId(n.id),
                partner: same_name(&clip.partners, n.partner, partners(board)).map(PartnerId),
                text: n.text,
                rect: Rect::new(n.x, n.y, n.w, n.h),
                color: n.color,
                votes: 0,
                author: n.author,
                face_down: n.face_down.unwrap_or(false),
            })
            .collect();
        let flows = clip
            .flows
            .into_iter()
            .map(|f| {
                let kind = same_name(&clip.flow_kinds, f.kind, kinds(board));
                Flow {
                    kind: kind.map(FlowKindId),
                    ..Flow::from(f)
                }
            })
            .collect();
        return Copies { notes, flows };
    }
    let text = text.trim();
    if text.is_empty() {
        return Copies::default();
    }
    let mut note = Note::new(NoteId(0), 0.0, 0.0);
    note.text = text.to_owned();
    Copies {
        notes: vec![note],
        flows: Vec::new(),
    }
}

/// The id on the target board of what the clip calls `id`: the thing with the same name there.
fn same_name<'a>(
    clip: &[PartnerJson],
    id: Option<u64>,
    mut on_board: impl Iterator<Item = (&'a str, u64)>,
) -> Option<u64> {
    let name = &clip.iter().find(|p| Some(p.id) == id)?.name;
    on_board.find(|(n, _)| n == name).map(|(_, id)| id)
}

fn partners(board: &Board) -> impl Iterator<Item = (&str, u64)> {
    board.partners().iter().map(|p| (p.name.as_str(), p.id.0))
}

fn kinds(board: &Board) -> impl Iterator<Item = (&str, u64)> {
    board.flow_kinds().iter().map(|k| (k.name.as_str(), k.id.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::example_board as example;

    #[test]
    fn copied_notes_come_back_with_their_partner() {
        let board = example();
        let tagged = board.notes().iter().find(|n| n.partner.is_some()).unwrap();
        let text = copy_notes(&board, &[tagged.id]);
        let back = notes_from_clipboard(&board, &text).notes;
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].text, tagged.text);
        assert_eq!(back[0].partner, tagged.partner);
        assert_eq!(back[0].rect, tagged.rect);
    }

    #[test]
    fn flows_between_copied_notes_come_along_with_their_kind() {
        let mut board = example();
        let (a, b, c) = (
            board.notes()[0].id,
            board.notes()[1].id,
            board.notes()[2].id,
        );
        let ids = board.new_flow_ids(2);
        let money = board.flow_kinds()[1].id;
        for (id, to) in ids.iter().zip([b, c]) {
            let edit = crate::model::ops::new_flow(&board, *id, a, to, Some(money)).unwrap();
            board.apply(edit);
        }
        let text = copy_notes(&board, &[a, b]);
        let back = notes_from_clipboard(&board, &text);
        assert_eq!(back.flows.len(), 1, "only the flow between the two notes");
        assert_eq!((back.flows[0].from, back.flows[0].to), (a, b));
        assert_eq!(back.flows[0].kind, Some(money));
        // Another board knows the kind by name only; a board without it leaves the flow kindless.
        let mut other = crate::io::Template::Blank.board();
        let kinds = other.flow_kinds().to_vec();
        other.apply(crate::model::Edit::SetFlowKinds(kinds[1..].to_vec()));
        let pasted = notes_from_clipboard(&other, &text);
        assert_eq!(pasted.flows[0].kind, Some(money), "found as \"money\"");
        other.apply(crate::model::Edit::SetFlowKinds(vec![]));
        assert_eq!(notes_from_clipboard(&other, &text).flows[0].kind, None);
    }

    #[test]
    fn a_copied_note_from_the_room_keeps_its_author_and_stays_face_down() {
        let mut board = example();
        let mut note = board.notes()[0].clone();
        note.author = Some("Ana".into());
        note.face_down = true;
        board.apply(crate::model::Edit::UpdateNotes(vec![note.clone()]));
        let back = notes_from_clipboard(&board, &copy_notes(&board, &[note.id]));
        assert_eq!(back.notes[0].author.as_deref(), Some("Ana"));
        assert!(
            back.notes[0].face_down,
            "a paste must not reveal a held note"
        );
    }

    #[test]
    fn partners_the_target_board_lacks_are_dropped() {
        let board = example();
        let tagged = board.notes().iter().find(|n| n.partner.is_some()).unwrap();
        let text = copy_notes(&board, &[tagged.id]);
        let blank = crate::io::Template::Blank.board();
        assert_eq!(notes_from_clipboard(&blank, &text).notes[0].partner, None);
    }

    #[test]
    fn other_text_becomes_one_note() {
        let board = example();
        let notes = notes_from_clipboard(&board, "  Spotify in every ride\nsecond line ").notes;
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Spotify in every ride\nsecond line");
        assert!(notes_from_clipboard(&board, "   ").notes.is_empty());
    }
}
