"""The browser half of tests/e2e_room.rs: a phone and a laptop in the room of the real Tandem.

    python3 tests/e2e_room.py ROOM_URL SHOTS_DIR SCENARIO_JSON
    python3 tests/e2e_room.py --stages ROOM_URL      (see stages() below)

SCENARIO_JSON (from the test) says who the phone and the laptop are (each's name, target key,
note text, and the dots it gives to the other's note) and the board's dots per person.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; never downloads a browser. The
Rust test owns the Tandem window; the two talk in lines, so each side waits for the other:

    script prints  posted      both notes are on the board (seen on both pages)
    test answers   voting      a voting round was started in Tandem
    script prints  voted       the dots are placed and counted (screenshots taken)
    test answers   done        the board is saved; the script closes the browser

Every wait has a deadline, so a stuck page fails the test instead of hanging it.
"""

import json
import re
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Quiet and offline: no GPU under Xvfb, no sandbox as root, none of Chromium's own connections.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 15_000
# Assertions wait as long as actions do (Playwright's own default is 5 s): CI runs this beside
# the rest of the tests on two cores.
expect.set_options(timeout=WAIT_MS)


def say(line):
    print(line, flush=True)


def hear(expected):
    line = sys.stdin.readline().strip()
    if line != expected:
        sys.exit(f"e2e_room.py: expected {expected!r} from the test, got {line!r}")


def join(page, url, who):
    page.goto(url)
    expect(page.locator("#join")).to_be_visible()
    # The link carries the key: nobody types a code.
    expect(page.locator("#code-row")).to_be_hidden()
    page.fill("#name", who["name"])
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#room")).to_be_visible()
    expect(page.locator("#me")).to_have_text(who["name"])


def post(page, who, press):
    page.select_option("#target", value=who["target"])
    title = page.locator("#target option:checked").text_content()
    page.fill("#text", who["text"])
    press(page.get_by_role("button", name="Add note"))
    expect(page.locator("#note-status")).to_have_text("Added to the board.")
    expect(page.locator("#text")).to_have_value("")
    mine = page.locator("#mine li", has_text=who["text"])
    expect(mine).to_contain_text(title + " · on the board")


def vote(page, text, dots, press, mine=None):
    """Taps + `dots` times on the note with `text`; then it has `mine` of this page's dots."""
    card = page.locator("#vote-list .note", has_text=text)
    for _ in range(dots):
        press(card.get_by_role("button", name="Add a dot"))
    expect(card.locator(".mydots")).to_have_text(f"yours: {dots if mine is None else mine}")


def dots(n):
    return "1 dot" if n == 1 else f"{n} dots"


def chosen_stage(page, key, title):
    """Waits until the stage chosen on `page` is `key`, shown as `title`."""
    expect(page.locator("#target")).to_have_value(key)
    expect(page.locator("#target option:checked")).to_have_text(title)


def stages(url):
    """A phone that had another room open at the same address joins this one; it chooses the
    stage Use (third); the facilitator moves it second, then renames it.

    script prints  chosen     Use is chosen (stage:2)
    test answers   moved      Use is now second
    script prints  followed   the choice followed Use to stage:1, and a note was sent there
    test answers   renamed    the second stage is now called Ride
    script prints  posted     the choice stayed (now Ride), and a second note was sent there
    """
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        ).new_page()
        phone.set_default_timeout(WAIT_MS)
        who = {"name": "Cleo"}
        # The phone still has this morning's room open: same address, another key.
        phone.goto(re.sub(r"#k=.*", "#k=" + "0" * 32, url))
        phone.fill("#name", who["name"])
        phone.get_by_role("button", name="Join").click()
        expect(phone.locator("#join-error")).not_to_have_text("")
        # Scanning the new code opens the new link in the same page: it starts again from it.
        phone.goto(url)
        expect(phone.locator("#join-error")).to_have_text("")
        join(phone, url, who)
        phone.select_option("#target", value="stage:2")
        chosen_stage(phone, "stage:2", "Use")
        say("chosen")
        hear("moved")
        chosen_stage(phone, "stage:1", "Use")
        post(phone, {"target": "stage:1", "text": "Moved with its stage"}, lambda b: b.tap())
        say("followed")
        hear("renamed")
        chosen_stage(phone, "stage:1", "Ride")
        post(phone, {"target": "stage:1", "text": "Renamed, still chosen"}, lambda b: b.tap())
        say("posted")
        browser.close()


def main():
    if sys.argv[1] == "--stages":
        return stages(sys.argv[2])
    url, shots, plan = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    phone_who, desktop_who = plan["phone"], plan["desktop"]
    with sync_playwright() as p:
        # launch() gives the browser a fresh, temporary --user-data-dir of its own.
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        ).new_page()
        desktop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        for page in (phone, desktop):
            page.set_default_timeout(WAIT_MS)
        tap = lambda locator: locator.tap()
        click = lambda locator: locator.click()

        join(phone, url, phone_who)
        join(desktop, url, desktop_who)
        post(phone, phone_who, tap)
        post(desktop, desktop_who, click)
        say("posted")

        hear("voting")
        for page in (phone, desktop):
            expect(page.locator("#voting")).to_be_visible()
        for page, who, other, press in (
            (desktop, desktop_who, phone_who, click),
            (phone, phone_who, desktop_who, tap),
        ):
            vote(page, other["text"], who["dots"], press)
            left = plan["dots_per_person"] - who["dots"]
            expect(page.locator("#dots")).to_have_text(
                f"{left} of {plan['dots_per_person']} dots left"
            )
            # Far down a long list, the dots left are still in sight.
            expect(page.locator("#dots")).to_be_in_viewport()
        # The room's budget is spent (see the test): one more dot is refused, and the phone says
        # why where it was tapped, not under the note form further down.
        vote(phone, desktop_who["text"], 1, tap, mine=phone_who["dots"])
        refusal = phone.locator("#vote-status")
        expect(refusal).to_have_text(re.compile(r"dots of the room are placed"))
        expect(refusal).to_be_in_viewport()
        # Live: each sees the other's dots on their own note.
        for page, who, other in ((phone, phone_who, desktop_who), (desktop, desktop_who, phone_who)):
            mine = page.locator("#mine li", has_text=who["text"])
            expect(mine).to_contain_text("on the board · " + dots(other["dots"]))
        # What the phone shows where the participant is, and the whole page of each.
        phone.screenshot(path=shots / "phone.png")
        phone.screenshot(path=shots / "phone-page.png", full_page=True)
        desktop.screenshot(path=shots / "desktop-page.png", full_page=True)
        say("voted")

        hear("done")
        browser.close()


if __name__ == "__main__":
    main()
