"""Play a whole workshop through the real pages: one trainer and N participants.

The trainer (user 0) opens the Trainer page, starts a session with the page's form (the first
workshop of the list), moves the group to step 1 and keeps its view open: its live fragment
reruns at the interval the server announces, and from the view it reads how many participants
answered the group's step. It moves the group on when every participant answered that step, or
at the latest after `step_s`. Participants (users 1..N) open the Workshop page, wait for the
code, type it into the join form, choose a random region, and per step open the step's view in
a second tab (when the step has a link), answer (a random choice, a number or a sentence) and
then go on: with the "Volgende stap" button when they go at their own pace, else by waiting
for the trainer, which their page's polling fragment notices. Every think time is spent the
way a browser spends it: the page's `run_every` fragments rerun at their interval.

Interaction kinds in the report: open, start, move and trainer (the trainer's refresh) for the
trainer; open, join, region, view, answer, step (going to the next step, also when a poll
reran the page because the group moved) and poll (a fragment run only) for participants. A
refused join, a page without the expected form, a page exception or a timeout is an error.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
import urllib.parse
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from websockets.exceptions import WebSocketException

from loadtest.client import RunResult, StreamlitSession, Widget
from loadtest.run import Interaction, LoadReport, measure, timed

TRAINER_PAGE = "trainer"
WORKSHOP_PAGE = "workshop"
QUESTION_FORM = "workshop__vraag_"  # + step number: the form key of a step's question
_ANSWERED = re.compile(r"^Stap (\d+): .* · (\d+) antwoord")
_CONNECT_ERRORS = (TimeoutError, OSError, WebSocketException)


@dataclass(frozen=True)
class WorkshopConfig:
    """How the simulated workshop goes.

    Attributes:
        users: participants (the trainer comes on top).
        steps: steps each participant plays (at most the workshop's).
        step_s: the trainer moves the group on after this long at the latest.
        think_min_s, think_max_s: pause before each action (uniform).
        ramp_s: participants arrive spread over this many seconds.
        duration_s: nobody starts a new action after this many seconds.
        request_timeout_s: one interaction slower than this counts as an error.
        view_share: the chance that a participant opens a step's view.
        seed: random seed for think times and choices.
    """

    users: int = 30
    steps: int = 3
    step_s: float = 90.0
    think_min_s: float = 3.0
    think_max_s: float = 10.0
    ramp_s: float = 10.0
    duration_s: float = 400.0
    request_timeout_s: float = 60.0
    view_share: float = 0.7
    seed: int = 1


class _Player:
    """One simulated browser tab with its clock for the page's timed fragments."""

    def __init__(
        self, user: int, base_url: str, cfg: WorkshopConfig, out: list[Interaction], page: str
    ) -> None:
        self.user, self.cfg, self.out, self.page = user, cfg, out, page
        self.rng = random.Random(cfg.seed * 1000 + user)
        self.session = StreamlitSession(base_url, timeout_s=cfg.request_timeout_s)
        self.next_poll = 0.0

    def error(self, kind: str, message: str) -> None:
        self.out.append(Interaction(self.user, kind, self.page, 0.0, False, message))

    async def connect(self) -> bool:
        try:
            await self.session.connect()
        except _CONNECT_ERRORS as exc:
            self.error("open", f"connect: {exc}")
            return False
        return True

    async def run(self, kind: str, coro: Coroutine[Any, Any, RunResult]) -> RunResult | None:
        """One timed interaction; the fragments' timers restart after it, as in a browser."""
        result = await timed(self.out, self.user, kind, self.page, coro)
        self.next_poll = time.monotonic() + min(self.session.auto_reruns.values(), default=0.0)
        return result

    async def think(self, seconds: float | None = None) -> None:
        """Wait (a random think time by default) while the timed fragments rerun."""
        pause = self.rng.uniform(self.cfg.think_min_s, self.cfg.think_max_s)
        end = time.monotonic() + (pause if seconds is None else seconds)
        while True:
            now = time.monotonic()
            if not self.session.auto_reruns or self.next_poll >= end:
                await asyncio.sleep(max(0.0, end - now))
                return
            await asyncio.sleep(max(0.0, self.next_poll - now))
            await self.poll()

    async def poll(self) -> RunResult | None:
        """Rerun every timed fragment of the page once; a poll that reran the whole page
        (the group moved) counts as a step."""
        result = None
        for fragment_id in list(self.session.auto_reruns):
            started = len(self.out)
            result = await self.run("poll", self.session.rerun_fragment(fragment_id))
            if result is not None and not result.fragment_run:
                self.out[started].kind = "step"
            if result is None or not result.fragment_run:
                break
        return result

    def button(self, label: str) -> Widget | None:
        return self.session.widget("button", label)


def _answer(widget: Widget, user: int, rng: random.Random) -> Any:
    """What a participant types or picks for a question widget."""
    if widget.kind in {"radio", "selectbox"}:
        return rng.choice(widget.options)
    if widget.kind == "text_area":
        return f"Deelnemer {user} ziet een verschil met vorig jaar."
    if widget.kind == "number_input":
        return round(rng.uniform(0, 10), 1)
    return f"{rng.uniform(0, 10):.1f}".replace(".", ",")  # a number question's text field


def _question(session: StreamlitSession) -> tuple[int, Widget, Widget] | None:
    """(step number, answer widget, submit button) of the page's question form, or None."""
    for form_id in {w.form_id for w in session.widgets.values()}:
        if not form_id.startswith(QUESTION_FORM):
            continue
        inputs = session.form_widgets(form_id)
        submit = [
            w for w in session.widgets.values() if w.form_id == form_id and w.is_form_submitter
        ]
        if inputs and submit:
            return int(form_id.removeprefix(QUESTION_FORM)), inputs[0], submit[0]
    return None


@dataclass
class _Game:
    """What the trainer and the participants of one run share."""

    base_url: str
    cfg: WorkshopConfig
    deadline: float
    out: list[Interaction]
    code: asyncio.Future[str]  # the session code, once the trainer started; "" for none
    done: list[int] = field(default_factory=list)  # participants that finished


async def _participant(user: int, game: _Game) -> None:
    cfg = game.cfg
    me = _Player(user, game.base_url, cfg, game.out, WORKSHOP_PAGE)
    view = StreamlitSession(game.base_url, timeout_s=cfg.request_timeout_s)
    await asyncio.sleep(me.rng.uniform(0, cfg.ramp_s))
    if not await me.connect():
        return
    try:
        await _play(me, view, cfg, game.deadline, game.code)
    finally:
        game.done.append(user)
        await me.session.close()
        await view.close()


async def _play(
    me: _Player,
    view: StreamlitSession,
    cfg: WorkshopConfig,
    deadline: float,
    code: asyncio.Future[str],
) -> None:
    s = me.session
    if await me.run("open", s.open(WORKSHOP_PAGE)) is None:
        return
    try:
        wait_s = max(0.0, deadline - time.monotonic())
        session_code = await asyncio.wait_for(asyncio.shield(code), wait_s)
    except TimeoutError:
        session_code = ""
    if not session_code:
        me.error("join", "no session code from the trainer")
        return
    await me.think()
    box, join = s.widget("text_input", "Code"), me.button("Meedoen")
    if box is None or join is None:
        me.error("join", "no join form")
        return
    s.set_widget(box, session_code)
    if await me.run("join", s.click(join)) is None:
        return
    if "deelnemer=" not in s.query_string:
        me.error("join", "join refused")
        return
    await me.think()
    region, go_on = s.widget("selectbox", "Je regio"), me.button("Verder")
    if region is None or go_on is None or not region.options:
        me.error("region", "no region form")
        return
    s.set_widget(region, me.rng.choice(region.options))
    if await me.run("region", s.click(go_on)) is None:
        return
    answered: set[int] = set()
    while len(answered) < cfg.steps and time.monotonic() < deadline:
        question = _question(s)
        if question is None:
            me.error("answer", "no question form")
            return
        number, answer_box, submit = question
        if number not in answered:
            await _open_view(me, view)
            await me.think()
            s.set_widget(answer_box, _answer(answer_box, me.user, me.rng))
            if await me.run("answer", s.click(submit)) is None:
                return
            answered.add(number)
        elif (forward := me.button("Volgende stap")) is not None:
            await me.think()
            if await me.run("step", s.click(forward)) is None:
                return
        elif number >= cfg.steps or not s.auto_reruns:
            return  # the last step played, or nothing left to wait for
        else:
            await me.think(min(s.auto_reruns.values()))  # wait for the trainer


async def _open_view(me: _Player, view: StreamlitSession) -> None:
    """Open the step's link in the second tab (connected on first use), sometimes."""
    if not me.session.links or me.rng.random() >= me.cfg.view_share:
        return
    await me.think()
    url = urllib.parse.urlsplit(me.session.links[0][1])
    if not view.connected:
        try:
            await view.connect()
        except _CONNECT_ERRORS as exc:
            me.error("view", f"connect: {exc}")
            return
    await timed(me.out, me.user, "view", url.path or "/", view.open(url.path.strip("/"), url.query))


def _answered_now(texts: list[str], group_step: int) -> int:
    """The number of answers to the group's step, read from the trainer's view."""
    for text in texts:
        match = _ANSWERED.match(text)
        if match and int(match.group(1)) == group_step:
            return int(match.group(2))
    return 0


async def _trainer(game: _Game) -> None:
    me = _Player(0, game.base_url, game.cfg, game.out, TRAINER_PAGE)
    try:
        if await me.connect():
            await _lead(me, game.cfg, game.deadline, game.code, game.done)
    finally:
        if not game.code.done():
            game.code.set_result("")  # no session: the participants give up
        await me.session.close()


async def _lead(
    me: _Player,
    cfg: WorkshopConfig,
    deadline: float,
    code: asyncio.Future[str],
    done: list[int],
) -> None:
    s = me.session
    if await me.run("open", s.open(TRAINER_PAGE)) is None:
        return
    start = me.button("Sessie starten")
    if start is None:
        me.error("start", "no start form")
        return
    if await me.run("start", s.click(start)) is None:
        return
    params = dict(urllib.parse.parse_qsl(s.query_string))
    if "sessie" not in params:
        me.error("start", "no session started")
        return
    code.set_result(params["sessie"])
    group_step, moved_at = 0, 0.0
    while len(done) < cfg.users and time.monotonic() < deadline:
        picker = s.widget("selectbox", "Waar is de groep?")
        if picker is None:
            me.error("move", "no group picker")
            return
        answered = _answered_now(s.texts, group_step) if group_step else 0
        due = group_step == 0 or answered >= cfg.users or time.monotonic() - moved_at >= cfg.step_s
        if due and group_step < min(cfg.steps, len(picker.options) - 1):
            group_step += 1
            if await me.run("move", s.change_widget(picker, picker.options[group_step])) is None:
                return
            moved_at = time.monotonic()
        if not s.auto_reruns:
            me.error("trainer", "the trainer's view does not refresh")
            return
        await asyncio.sleep(max(0.0, me.next_poll - time.monotonic()))
        for fragment_id in list(s.auto_reruns):
            if await me.run("trainer", s.rerun_fragment(fragment_id)) is None:
                return


async def run_workshop_async(
    base_url: str, cfg: WorkshopConfig, server_pids: tuple[int, ...] | list[int] = ()
) -> LoadReport:
    """Play the workshop against `base_url` (one server or a room's balancer)."""

    def players(deadline: float, out: list[Interaction]) -> list[Coroutine[Any, Any, None]]:
        game = _Game(base_url, cfg, deadline, out, asyncio.get_running_loop().create_future())
        return [_trainer(game), *(_participant(u, game) for u in range(1, cfg.users + 1))]

    hard_limit = cfg.duration_s + cfg.ramp_s + 2 * cfg.think_max_s + 3 * cfg.request_timeout_s
    return await measure(base_url, cfg, players, hard_limit, server_pids)


def run_workshop(
    base_url: str, cfg: WorkshopConfig, server_pids: tuple[int, ...] | list[int] = ()
) -> LoadReport:
    """Blocking wrapper around `run_workshop_async`."""
    return asyncio.run(run_workshop_async(base_url, cfg, server_pids))
