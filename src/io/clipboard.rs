//! Notes on the system clipboard: JSON that Tandem reads back, and plain text for everything else.

use serde::{Deserialize, Serialize};

use super::format::{NoteJson, PartnerJson};
use crate::model::{Board, Note, NoteId, Rect};

const CLIPBOARD_FORMAT: &str = "tandem-clipboard";

#[derive(Serialize, Deserialize)]
struct Clip {
    format: String,
    notes: Vec<NoteJson>,
    /// The partners the notes are tagged with, so a paste into another board can match them by name.
    partners: Vec<PartnerJson>,
}

/// The clipboard text for some notes of `board`.
pub fn copy_notes(board: &Board, ids: &[NoteId]) -> String {
    let notes: Vec<&Note> = ids.iter().filter_map(|id| board.note(*id)).collect();
    let partners = board
        .partners()
        .iter()
        .filter(|p| notes.iter().any(|n| n.partner == Some(p.id)))
        .map(PartnerJson::from)
        .collect();
    let clip = Clip {
        format: CLIPBOARD_FORMAT.to_owned(),
        notes: notes.into_iter().map(NoteJson::from).collect(),
        partners,
    };
    serde_json::to_string(&clip).expect("notes always serialise")
}

/// Notes to paste into `board` from clipboard text: Tandem's own notes (partner tags matched to
/// `board`'s partners by name), or one new note holding any other text. Ids are placeholders; the
/// paste gives them fresh ones.
pub fn notes_from_clipboard(board: &Board, text: &str) -> Vec<Note> {
    if let Ok(clip) = serde_json::from_str::<Clip>(text)
        && clip.format == CLIPBOARD_FORMAT
    {
        return clip
            .notes
            .into_iter()
            .map(|n| {
                let partner_name = clip
                    .partners
                    .iter()
                    .find(|p| Some(p.id) == n.partner)
                    .map(|p| p.name.as_str());
                Note {
                    id: NoteId(n.id),
                    text: n.text,
                    rect: Rect::new(n.x, n.y, n.w, n.h),
                    color: n.color,
                    partner: partner_name
                        .and_then(|name| board.partners().iter().find(|p| p.name == name))
                        .map(|p| p.id),
                    votes: 0,
                    author: n.author,
                    face_down: n.face_down.unwrap_or(false),
                }
            })
            .collect();
    }
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut note = Note::new(NoteId(0), 0.0, 0.0);
    note.text = text.to_owned();
    vec![note]
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
        let back = notes_from_clipboard(&board, &text);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].text, tagged.text);
        assert_eq!(back[0].partner, tagged.partner);
        assert_eq!(back[0].rect, tagged.rect);
    }

    #[test]
    fn a_copied_note_from_the_room_keeps_its_author_and_stays_face_down() {
        let mut board = example();
        let mut note = board.notes()[0].clone();
        note.author = Some("Ana".into());
        note.face_down = true;
        board.apply(crate::model::Edit::UpdateNotes(vec![note.clone()]));
        let back = notes_from_clipboard(&board, &copy_notes(&board, &[note.id]));
        assert_eq!(back[0].author.as_deref(), Some("Ana"));
        assert!(back[0].face_down, "a paste must not reveal a held note");
    }

    #[test]
    fn partners_the_target_board_lacks_are_dropped() {
        let board = example();
        let tagged = board.notes().iter().find(|n| n.partner.is_some()).unwrap();
        let text = copy_notes(&board, &[tagged.id]);
        let blank = crate::io::Template::Blank.board();
        assert_eq!(notes_from_clipboard(&blank, &text)[0].partner, None);
    }

    #[test]
    fn other_text_becomes_one_note() {
        let board = example();
        let notes = notes_from_clipboard(&board, "  Spotify in every ride\nsecond line ");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Spotify in every ride\nsecond line");
        assert!(notes_from_clipboard(&board, "   ").is_empty());
    }
}
