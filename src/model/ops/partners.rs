//! Partners: add, rename or recolour, remove (untagging their notes in the same step).

use super::notes::set_partner;
use super::{then, with_changed, without};
use crate::model::board::Board;
use crate::model::edit::Edit;
use crate::model::note::NoteId;
use crate::model::partner::{PARTNER_COLORS, Partner, PartnerId, Rgb};

/// A new partner `id` (from `Document::new_partner_id`) with the next unused tag colour.
pub fn add_partner(board: &Board, id: PartnerId, name: &str) -> Edit {
    let used: Vec<Rgb> = board.partners().iter().map(|p| p.color).collect();
    let color = Rgb::first_unused(&PARTNER_COLORS, &used);
    let mut partners = board.partners().to_vec();
    partners.push(Partner {
        id,
        name: name.to_owned(),
        color,
    });
    Edit::SetPartners(partners)
}

/// Changes a partner's name and colour.
pub fn update_partner(board: &Board, id: PartnerId, name: &str, color: Rgb) -> Option<Edit> {
    let partners = with_changed(
        board.partners(),
        |p| p.id == id,
        |p| {
            name.clone_into(&mut p.name);
            p.color = color;
        },
    )?;
    Some(Edit::SetPartners(partners))
}

/// Removes a partner and its tag from every note, as one step.
pub fn remove_partner(board: &Board, id: PartnerId) -> Option<Edit> {
    board.partner(id)?;
    let tagged: Vec<NoteId> = board
        .notes()
        .iter()
        .filter(|n| n.partner == Some(id))
        .map(|n| n.id)
        .collect();
    let partners = without(board.partners(), |p| p.id == id);
    Some(then(
        set_partner(board, &tagged, None),
        Edit::SetPartners(partners),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixture::board_with_lane;
    use super::*;

    #[test]
    fn removing_a_partner_untags_its_notes_in_one_step() {
        let mut b = board_with_lane();
        let uber = b.new_partner_id();
        b.apply(add_partner(&b, uber, "Uber"));
        b.apply(set_partner(&b, &[NoteId(1)], Some(uber)).unwrap());
        let before = b.clone();
        let undo = b.apply(remove_partner(&b, uber).unwrap());
        assert!(b.partners().is_empty());
        assert_eq!(b.note(NoteId(1)).unwrap().partner, None);
        b.apply(undo);
        assert_eq!(b, before);
        assert!(remove_partner(&b, PartnerId(99)).is_none());
    }

    #[test]
    fn partners_get_distinct_colours() {
        let mut b = board_with_lane();
        for name in ["A", "B"] {
            let id = b.new_partner_id();
            b.apply(add_partner(&b, id, name));
        }
        assert_ne!(b.partners()[0].color, b.partners()[1].color);
    }
}
