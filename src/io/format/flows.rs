//! Flows and flow kinds in a board file (format version 3): their JSON shapes, and reading them
//! with the same checks and repairs as notes. A board whose kinds are the defaults and that has no
//! flows writes neither field, so it differs from a version 2 file by its version only.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::Diagnostic;
use super::MAX_ID;
use super::json::PartnerJson;
use super::locate::{Seg, locate};
use super::read::{named_colors, too_large, too_long};
use crate::model::board::MAX_FLOW_KINDS;
use crate::model::flow::default_kinds;
use crate::model::{Flow, FlowDirection, FlowId, FlowKind, FlowKindId, NoteId, Rgb};

/// A flow kind is written like a partner: id, name and `#RRGGBB` colour.
pub(crate) type FlowKindJson = PartnerJson;

impl From<&FlowKind> for FlowKindJson {
    fn from(k: &FlowKind) -> Self {
        PartnerJson {
            id: k.id.0,
            name: k.name.clone(),
            color: k.color.to_hex(),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlowJson {
    pub id: u64,
    pub from: u64,
    pub to: u64,
    #[serde(default)]
    pub direction: FlowDirection,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl From<&Flow> for FlowJson {
    fn from(f: &Flow) -> Self {
        FlowJson {
            id: f.id.0,
            from: f.from.0,
            to: f.to.0,
            direction: f.direction,
            kind: f.kind.map(|k| k.0),
            label: f.label.clone(),
        }
    }
}

impl From<FlowJson> for Flow {
    /// The flow as written, before its ends and kind are checked against the board.
    fn from(f: FlowJson) -> Self {
        Flow {
            id: FlowId(f.id),
            from: NoteId(f.from),
            to: NoteId(f.to),
            direction: f.direction,
            label: f.label,
            kind: f.kind.map(FlowKindId),
        }
    }
}

/// What a board writes for its kinds: nothing when they are the defaults.
pub(super) fn kinds_to_write(kinds: &[FlowKind]) -> Option<Vec<FlowKindJson>> {
    (kinds != default_kinds()).then(|| kinds.iter().map(FlowKindJson::from).collect())
}

/// What a board writes for its flows: nothing when it has none.
pub(super) fn flows_to_write(flows: &[Flow]) -> Option<Vec<FlowJson>> {
    (!flows.is_empty()).then(|| flows.iter().map(FlowJson::from).collect())
}

/// The kinds of a file, checked like partners (absent: the defaults).
pub(super) fn read_kinds(
    text: &str,
    kinds: Option<Vec<FlowKindJson>>,
) -> Result<Vec<FlowKind>, Diagnostic> {
    let Some(kinds) = kinds else {
        return Ok(default_kinds());
    };
    if kinds.len() > MAX_FLOW_KINDS {
        return Err(Diagnostic::new(
            locate(text, &[Seg::Key("flow_kinds")]),
            format!(
                "{} flow kinds; a board has up to {MAX_FLOW_KINDS}",
                kinds.len()
            ),
        ));
    }
    let checked = named_colors(text, kinds, "flow_kinds", "flow kind")?;
    Ok(checked.into_iter().map(kind).collect())
}

/// A flow kind from its checked id, name and colour.
pub(crate) fn kind((id, name, color): (u64, String, Rgb)) -> FlowKind {
    FlowKind {
        id: FlowKindId(id),
        name,
        color,
    }
}

/// The flows of a file between the board's `notes`, of its `kinds`. Refused: ids or labels beyond
/// the limits. Repaired, each with its place: a flow to a missing note or to its own note (dropped),
/// an id used twice (renumbered), a kind the board does not have (the flow keeps no kind).
pub(super) fn read_flows(
    text: &str,
    flows: Vec<FlowJson>,
    notes: &HashSet<u64>,
    kinds: &[FlowKind],
    repairs: &mut Vec<Diagnostic>,
) -> Result<Vec<Flow>, Diagnostic> {
    let at = |i: usize| locate(text, &[Seg::Key("flows"), Seg::Index(i)]);
    let mut next_free = flows
        .iter()
        .map(|f| f.id.min(MAX_ID))
        .max()
        .map_or(1, |m| m + 1);
    let mut seen = HashSet::with_capacity(flows.len());
    let mut out = Vec::with_capacity(flows.len());
    for (i, f) in flows.into_iter().enumerate() {
        let refuse = |problem: Option<String>| match problem {
            Some(message) => Err(Diagnostic::new(at(i), message)),
            None => Ok(()),
        };
        refuse(too_large("flow", f.id))?;
        refuse(too_long(&format!("flow {}: its label", f.id), &f.label))?;
        let missing = [f.from, f.to].into_iter().find(|n| !notes.contains(n));
        if let Some(note) = missing {
            let why = format!("flow {}: note {note} does not exist; flow removed", f.id);
            repairs.push(Diagnostic::new(at(i), why));
            continue;
        }
        if f.from == f.to {
            let why = format!(
                "flow {} joins note {} to itself; flow removed",
                f.id, f.from
            );
            repairs.push(Diagnostic::new(at(i), why));
            continue;
        }
        let mut flow = Flow::from(f);
        if !seen.insert(flow.id) {
            let new = FlowId(next_free);
            next_free += 1;
            let why = format!(
                "flow id {} was used twice; this flow is now {}",
                flow.id.0, new.0
            );
            repairs.push(Diagnostic::new(at(i), why));
            seen.insert(new);
            flow.id = new;
        }
        if let Some(kind) = flow.kind.filter(|k| !kinds.iter().any(|x| x.id == *k)) {
            let why = format!(
                "flow {}: kind {} does not exist; kind removed",
                flow.id.0, kind.0
            );
            repairs.push(Diagnostic::new(at(i), why));
            flow.kind = None;
        }
        out.push(flow);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::io::{read_board, write_board};
    use crate::model::{FlowDirection, FlowId, FlowKindId};

    /// A version 3 board with two notes (ids 1 and 2) and these extra top-level fields.
    fn board(extra: &str) -> String {
        format!(
            r#"{{
  "format": "tandem-board",
  "version": 3,
  "title": "T",
  "blocks": [],
  "partners": [],
  "voting": {{"dots_per_person": 3, "people": 0}},
  "notes": [
    {{"id": 1, "text": "a", "x": 0, "y": 0, "w": 200, "h": 120}},
    {{"id": 2, "text": "b", "x": 400, "y": 0, "w": 200, "h": 120}}
  ]{extra}
}}"#
        )
    }

    fn flow(id: u64, from: u64, to: u64, rest: &str) -> String {
        format!(r#"{{"id": {id}, "from": {from}, "to": {to}{rest}}}"#)
    }

    #[test]
    fn flows_and_kinds_are_written_and_read_back() {
        let text = board(&format!(
            r##",
  "flow_kinds": [{{"id": 4, "name": "attention", "color": "#00838F"}}],
  "flows": [{}, {}]"##,
            flow(
                7,
                1,
                2,
                r#", "direction": "both-ways", "kind": 4, "label": "rides""#
            ),
            flow(8, 2, 1, "")
        ));
        let loaded = read_board(text.as_bytes()).unwrap();
        assert!(loaded.repairs.is_empty(), "{:?}", loaded.repairs);
        let b = &loaded.board;
        assert_eq!(b.flow_kinds().len(), 1);
        let f = b.flow(FlowId(7)).unwrap();
        assert_eq!(f.direction, FlowDirection::BothWays);
        assert_eq!(f.kind, Some(FlowKindId(4)));
        assert_eq!(f.label, "rides");
        let g = b.flow(FlowId(8)).unwrap();
        assert_eq!(
            (g.direction, g.kind, g.label.as_str()),
            (FlowDirection::OneWay, None, "")
        );
        let written = write_board(b);
        assert!(
            written.contains("\"direction\": \"one-way\""),
            "written in full"
        );
        assert_eq!(read_board(written.as_bytes()).unwrap().board, *b);
    }

    #[test]
    fn a_board_without_flows_and_with_the_default_kinds_writes_neither() {
        let loaded = read_board(board("").as_bytes()).unwrap();
        assert_eq!(
            loaded.board.flow_kinds(),
            crate::model::flow::default_kinds()
        );
        let written = write_board(&loaded.board);
        assert!(!written.contains("flow"), "{written}");
    }

    #[test]
    fn older_versions_cannot_carry_flows() {
        for field in [r#", "flows": []"#, r#", "flow_kinds": []"#] {
            let text = board(field).replace("\"version\": 3", "\"version\": 2");
            let d = read_board(text.as_bytes()).unwrap_err();
            assert!(d.message.contains("needs format version 3"), "{d}");
            assert_eq!(d.pos.unwrap().line, 11, "{d}");
        }
    }

    #[test]
    fn dangling_looping_doubled_and_unknown_kind_flows_are_repaired_with_their_place() {
        let flows = [
            flow(1, 1, 2, ""),
            flow(2, 1, 9, ""),
            flow(3, 2, 2, ""),
            flow(1, 2, 1, ""),
            flow(4, 1, 2, r#", "kind": 77"#),
        ]
        .join(",\n    ");
        let text = board(&format!(",\n  \"flows\": [\n    {flows}\n  ]"));
        let loaded = read_board(text.as_bytes()).unwrap();
        let messages: Vec<String> = loaded.repairs.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "line 14, column 5: flow 2: note 9 does not exist; flow removed",
                "line 15, column 5: flow 3 joins note 2 to itself; flow removed",
                "line 16, column 5: flow id 1 was used twice; this flow is now 5",
                "line 17, column 5: flow 4: kind 77 does not exist; kind removed",
            ]
        );
        let kept: Vec<u64> = loaded.board.flows().iter().map(|f| f.id.0).collect();
        assert_eq!(kept, [1, 5, 4]);
        let again = read_board(write_board(&loaded.board).as_bytes()).unwrap();
        assert!(again.repairs.is_empty(), "repaired for good");
    }

    #[test]
    fn bad_kinds_and_flows_beyond_the_limits_are_refused_where_they_are() {
        let refused = |extra: &str| {
            let text = board(extra);
            read_board(text.as_bytes()).unwrap_err().to_string()
        };
        let kinds = |list: &str| format!(",\n  \"flow_kinds\": [{list}]");
        let kind =
            |id: u64, color: &str| format!(r#"{{"id": {id}, "name": "k", "color": "{color}"}}"#);
        assert_eq!(
            refused(&kinds(&kind(1, "green"))),
            "line 12, column 18: flow kind \"k\": colour \"green\" is not #RRGGBB"
        );
        let two = format!("{}, {}", kind(1, "#000000"), kind(1, "#FFFFFF"));
        assert!(refused(&kinds(&two)).contains("two flow kinds have the id 1"));
        let many: Vec<String> = (1..=51).map(|i| kind(i, "#000000")).collect();
        assert!(refused(&kinds(&many.join(", "))).contains("51 flow kinds; a board has up to 50"));
        let long = flow(1, 1, 2, &format!(r#", "label": "{}""#, "x".repeat(100_001)));
        assert!(
            refused(&format!(",\n  \"flows\": [{long}]"))
                .contains("flow 1: its label is 100001 characters long")
        );
        let huge = flow(1 << 53, 1, 2, "");
        assert!(refused(&format!(",\n  \"flows\": [{huge}]")).contains("flow id 9007199254740992"));
        let bad = flow(1, 1, 2, r#", "direction": "sideways""#);
        assert!(
            refused(&format!(",\n  \"flows\": [{bad}]")).contains("unknown variant `sideways`")
        );
    }
}
