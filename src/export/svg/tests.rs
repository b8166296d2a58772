use super::*;
use crate::io::Template;
use crate::model::{BoardParts, NoteColor, NoteId, Partner, PartnerId, Rgb};

fn board_with(notes: Vec<Note>, partners: Vec<Partner>) -> Board {
    Board::from_parts(BoardParts {
        title: "T <&> \"q\"".into(),
        partners,
        notes,
        ..BoardParts::default()
    })
}

#[test]
fn numbers_are_short_and_stable() {
    assert_eq!(num(30.0), "30");
    assert_eq!(num(12.5), "12.5");
    assert_eq!(num(-0.001), "0");
    assert_eq!(num(1.0 / 3.0), "0.33");
}

#[test]
fn an_empty_board_has_no_picture() {
    assert_eq!(to_svg(&Template::Blank.board()), None);
}

#[test]
fn text_is_escaped_and_a_note_grows_to_show_all_of_it() {
    let mut n = Note::new(NoteId(1), 0.0, 0.0);
    n.text = "<b>&amp; a long note text that cannot possibly fit in this small note at all, \
              no matter how it wraps: the picture shows all of it"
        .into();
    n.rect.h = 80.0;
    let board = board_with(vec![n.clone()], vec![]);
    let (drawn, lines) = note_layout(&board, &n);
    assert!(lines.len() > 3, "{lines:?}");
    assert!(drawn.h > 80.0, "grown like on screen");
    assert_eq!((drawn.x, drawn.y, drawn.w), (0.0, 0.0, 200.0));
    let svg = to_svg(&board).unwrap();
    assert!(svg.contains("<title>T &lt;&amp;&gt; &quot;q&quot;</title>"));
    assert!(svg.contains("&lt;b&gt;&amp;amp;"), "{svg}");
    assert!(lines.join(" ").ends_with("shows all of it"), "{lines:?}");
    let last = format!(">{}</tspan>", lines.last().unwrap());
    assert!(svg.contains(&last), "no text is cut off");
    let baselines: Vec<f32> = svg
        .lines()
        .filter(|l| l.starts_with("<tspan"))
        .map(|l| {
            let y = l.split("y=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(baselines.len(), lines.len());
    assert!(
        baselines.iter().all(|&y| y < drawn.bottom()),
        "{baselines:?}"
    );
    assert!(frame(&board).unwrap().bottom() >= drawn.bottom() + MARGIN);
    // A note with room to spare keeps its size.
    let short = Note::new(NoteId(2), 0.0, 0.0);
    assert_eq!(note_layout(&board, &short).0, short.rect);
}

#[test]
fn partner_tags_and_votes_are_drawn() {
    let mut n = Note::new(NoteId(1), 0.0, 0.0);
    n.partner = Some(PartnerId(1));
    n.votes = 3;
    n.color = NoteColor::Blue;
    let mut many = Note::new(NoteId(2), 300.0, 0.0);
    many.votes = 12;
    let p = Partner {
        id: PartnerId(1),
        name: "Spotify".into(),
        color: Rgb([0x1D, 0xB9, 0x54]),
    };
    let svg = to_svg(&board_with(vec![n, many], vec![p])).unwrap();
    assert!(svg.contains(r##"fill="#9ACFFF""##), "note colour");
    assert!(svg.contains(r##"rx="13" fill="#1DB954""##), "tag chip");
    assert!(svg.contains(">Spotify</tspan>"));
    assert_eq!(svg.matches("<circle").count(), 3);
    assert!(svg.contains(">12</tspan>"), "a count for many votes");
}

#[test]
fn flows_are_drawn_over_the_notes_with_their_kind_and_label() {
    use crate::model::{Flow, FlowDirection, FlowId};
    let mut b = board_with(
        vec![
            Note::new(NoteId(1), 0.0, 0.0),
            Note::new(NoteId(2), 400.0, 0.0),
        ],
        vec![],
    );
    let money = b.flow_kinds()[1].clone();
    b.apply(crate::model::Edit::InsertFlows(vec![(
        0,
        Flow {
            id: FlowId(7),
            from: NoteId(1),
            to: NoteId(2),
            direction: FlowDirection::BothWays,
            label: "revenue <share>".into(),
            kind: Some(money.id),
        },
    )]));
    let svg = to_svg(&b).unwrap();
    let flow = &svg[svg.find(r#"<g id="flow-7">"#).expect("a group per flow")..];
    assert!(
        svg.find("<g id=\"note-2\">").unwrap() < svg.find("flow-7").unwrap(),
        "over the notes"
    );
    let stroke = format!(r#"stroke="{}" stroke-width="3""#, money.color.to_hex());
    assert!(flow.contains(&stroke), "in the kind's colour: {flow}");
    assert_eq!(flow.matches("<polygon").count(), 2, "both ways");
    assert!(flow.contains(">revenue &lt;share&gt;</tspan>"));
    // The line runs between the notes' edges, not through them.
    let x1: f32 = flow
        .split("x1=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(x1 > 200.0 && x1 < 400.0, "{x1}");
}
