"""A headless Streamlit user: speaks the browser's websocket protocol and times each script run.

Protocol (read from streamlit 1.67's proto files and its frontend bundle, `sendRerunBackMsg`):

- connect to ws://HOST/_stcore/stream with subprotocol "streamlit";
- every interaction is one `BackMsg.rerun_script` (a `ClientState`):
  - opening a page: `page_name` = the page's URL path ("" for the default page) and
    `query_string` from the link, `page_script_hash` empty;
  - switching page (a click in the sidebar): `page_script_hash` of the target page taken from the
    `navigation` message, widget states only of widgets owned by the main script (app.py);
  - changing a widget: `page_script_hash` of the current page and `widget_states` holding the
    new value (selectbox/radio: `string_value` with the formatted option; multiselect,
    segmented control, pills, select_slider: `string_array_value`; checkbox: `bool_value`;
    text_input, text_area: `string_value`; number_input: `double_value`, or `int_value` for an
    integer one). Widgets bound to the URL (`query_param_key`) also get their parameter written
    into the query string, as the frontend does;
  - a widget inside a form (`form_id` set) only changes in the client; the values go with the
    click on the form's submit button;
  - clicking a button (also a form's submit button): `trigger_value` true, sent with that one
    rerun only (a trigger is one-shot, later reruns leave it out);
  - a fragment with `run_every`: the server sends an `auto_rerun` message (interval, fragment
    id) during the full run; the browser then reruns only that fragment every interval:
    `fragment_id` set, `is_auto_rerun` true, the current page's hash and widget states. Such a
    run ends with FINISHED_FRAGMENT_RUN_SUCCESSFULLY, or, when the fragment calls `st.rerun()`,
    with a full run of the page;
- the server answers with ForwardMsgs (`new_session`, `navigation`, `delta`s,
  `page_info_changed`, `page_not_found`, ...) and ends the run with `script_finished`
  (FINISHED_EARLY_FOR_RERUN means another run follows, so keep reading).

The time from sending the rerun to receiving `script_finished` is the interaction latency the
server causes (loopback, no rendering).
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

_DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "ok",
}
_SINGLE_CHOICE = {"selectbox", "radio"}
_MULTI_CHOICE = {"multiselect", "button_group", "select_slider"}
CHANGEABLE_KINDS = _SINGLE_CHOICE | _MULTI_CHOICE | {"checkbox"}
_TEXT = {"text_input", "text_area"}
KNOWN_KINDS = CHANGEABLE_KINDS | _TEXT | {"number_input", "button"}


class ProtocolError(RuntimeError):
    """The server answered something a browser would not accept."""


@dataclass(frozen=True)
class AppPage:
    """One page as announced by the server's navigation message."""

    page_script_hash: str
    title: str
    url_pathname: str
    is_default: bool


@dataclass
class Widget:
    """An input widget seen in the last run, with what is needed to change it."""

    kind: str
    id: str
    label: str
    options: list[str]
    query_param_key: str
    from_main_script: bool
    value: Any = None
    form_id: str = ""
    is_form_submitter: bool = False
    is_integer: bool = False  # number_input holding an int


@dataclass
class RunResult:
    """What one interaction produced."""

    seconds: float
    status: str
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    n_messages: int = 0
    fragment_run: bool = False  # only a fragment ran (it did not rerun the page)

    @property
    def ok(self) -> bool:
        """True when the run finished normally without an exception element."""
        return self.status == "ok" and not self.exceptions and not self.page_not_found


def _options(kind: str, proto: Any) -> list[str]:
    if kind == "button_group":
        return [opt.content for opt in proto.options]
    if kind in _SINGLE_CHOICE | _MULTI_CHOICE:
        return list(proto.options)
    return []


def _current_value(kind: str, proto: Any) -> Any:
    if kind in _SINGLE_CHOICE:
        if proto.HasField("raw_value"):
            return proto.raw_value
        has_default = kind == "selectbox" or proto.HasField("default")
        return proto.options[proto.default] if has_default and proto.options else None
    if kind in {"multiselect", "button_group"}:
        return list(proto.raw_values)
    if kind == "checkbox":
        return bool(proto.value)
    if kind in _TEXT | {"number_input"}:
        return proto.value if proto.set_value else proto.default
    return None


def _page_cookies(base_url: str, timeout_s: float) -> str:
    """GET the app's page and return its Set-Cookie pairs as one Cookie header value."""
    with urllib.request.urlopen(f"{base_url}/", timeout=timeout_s) as response:
        response.read()
        pairs = [
            header.split(";", 1)[0].strip()
            for header in response.headers.get_all("Set-Cookie") or []
        ]
    return "; ".join(pair for pair in pairs if "=" in pair)


class StreamlitSession:
    """One simulated browser tab: a websocket session against a running server."""

    def __init__(self, base_url: str, timeout_s: float = 120.0) -> None:
        """Prepare a session for `base_url` (http://127.0.0.1:PORT); call `connect()` next."""
        parsed = urllib.parse.urlsplit(base_url)
        self.ws_url = f"ws://{parsed.netloc}/_stcore/stream"
        self.timeout_s = timeout_s
        self.pages: list[AppPage] = []
        self.widgets: dict[str, Widget] = {}
        self.current_page_hash = ""
        self.main_script_hash = ""
        self.query_string = ""
        self._changed: dict[str, WidgetState] = {}
        self._triggers: dict[str, WidgetState] = {}  # one-shot: sent with the next rerun only
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (s) of the last run
        self.links: list[tuple[str, str]] = []  # (label, url) of the link buttons of a run
        self.texts: list[str] = []  # markdown bodies and expander labels of the last run
        self._ws: ClientConnection | None = None
        self.base_url = base_url
        self.cookie = ""
        self.handshake_headers: dict[str, str] = {}  # names lower-cased

    async def connect(self) -> None:
        """Load the page as a browser does (keeping the cookies it sets, such as a balancer's
        stickiness cookie), then open the websocket with those cookies; no script runs until
        the first interaction."""
        self.cookie = await asyncio.to_thread(_page_cookies, self.base_url, self.timeout_s)
        self._ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=self.timeout_s,
            ping_interval=None,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )
        if self._ws.response is not None:
            self.handshake_headers = {
                k.lower(): v for k, v in self._ws.response.headers.raw_items()
            }

    @property
    def connected(self) -> bool:
        """Whether the websocket is open (after `connect()`, before `close()`)."""
        return self._ws is not None

    async def close(self) -> None:
        """Close the websocket."""
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> StreamlitSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- interactions -------------------------------------------------------------------

    async def open(self, url_path: str = "", query_string: str = "") -> RunResult:
        """Load a page as a fresh browser tab would (URL path, optional ?query)."""
        self.query_string = query_string
        self._changed.clear()
        return await self._rerun(page_name=url_path, page_script_hash="")

    async def switch_page(self, page: AppPage) -> RunResult:
        """Go to another page as a click in the sidebar navigation does."""
        kept = {
            wid: state
            for wid, state in self._changed.items()
            if wid in self.widgets and self.widgets[wid].from_main_script
        }
        kept_keys = {self.widgets[wid].query_param_key for wid in kept} - {""}
        params = urllib.parse.parse_qsl(self.query_string, keep_blank_values=True)
        self.query_string = urllib.parse.urlencode([(k, v) for k, v in params if k in kept_keys])
        self._changed = kept
        return await self._rerun(page_name="", page_script_hash=page.page_script_hash)

    async def change_widget(self, widget: Widget, value: Any) -> RunResult:
        """Set `widget` to `value` (an option string, list of strings, bool, text or number)
        and rerun, as a browser does for a widget outside a form."""
        self.set_widget(widget, value)
        return await self._rerun(page_name="", page_script_hash=self.current_page_hash)

    def set_widget(self, widget: Widget, value: Any) -> None:
        """Change `widget` in the client only (typing into a form); the next rerun sends it."""
        state = WidgetState(id=widget.id)
        if widget.kind in _SINGLE_CHOICE | _TEXT:
            state.string_value = str(value)
        elif widget.kind in _MULTI_CHOICE:
            state.string_array_value.data.extend([str(v) for v in value])
        elif widget.kind == "checkbox":
            state.bool_value = bool(value)
        elif widget.kind == "number_input" and widget.is_integer:
            state.int_value = int(value)
        elif widget.kind == "number_input":
            state.double_value = float(value)
        else:
            raise ValueError(f"cannot change a {widget.kind} widget")
        self._changed[widget.id] = state
        widget.value = value
        if widget.query_param_key:
            params = dict(urllib.parse.parse_qsl(self.query_string, keep_blank_values=True))
            params[widget.query_param_key] = (
                ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
            )
            self.query_string = urllib.parse.urlencode(params)

    async def click(self, button: Widget) -> RunResult:
        """Click a button (a form's submit button sends the form's values along) and rerun."""
        if button.kind != "button":
            raise ValueError(f"cannot click a {button.kind} widget")
        self._triggers[button.id] = WidgetState(id=button.id, trigger_value=True)
        return await self._rerun(page_name="", page_script_hash=self.current_page_hash)

    async def rerun_fragment(self, fragment_id: str) -> RunResult:
        """Rerun one `run_every` fragment as the browser's timer does."""
        return await self._rerun("", self.current_page_hash, fragment_id=fragment_id)

    def widget(self, kind: str, label: str) -> Widget | None:
        """The widget of the last run with this kind and label, or None."""
        found = [w for w in self.widgets.values() if w.kind == kind and w.label == label]
        return found[0] if found else None

    def form_widgets(self, form_id: str) -> list[Widget]:
        """The input widgets (not the buttons) of a form in the last run."""
        return [w for w in self.widgets.values() if w.form_id == form_id and w.kind != "button"]

    def changeable_widgets(self) -> list[Widget]:
        """Widgets of the last run that change the page at once (outside forms) and that this
        client knows how to change to another value."""
        return [
            w
            for w in self.widgets.values()
            if w.kind in CHANGEABLE_KINDS
            and not w.form_id
            and (w.kind == "checkbox" or len(w.options) > 1)
        ]

    # -- protocol -----------------------------------------------------------------------

    async def _rerun(
        self, page_name: str, page_script_hash: str, fragment_id: str = ""
    ) -> RunResult:
        if self._ws is None:
            raise ProtocolError("not connected")
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.page_name = page_name
        rerun.page_script_hash = page_script_hash
        states = {**self._changed, **self._triggers}
        rerun.widget_states.widgets.extend(states.values())
        self._triggers = {}
        rerun.context_info.timezone = "Europe/Amsterdam"
        rerun.context_info.locale = "nl-NL"
        self.texts = []
        if fragment_id:
            rerun.fragment_id = fragment_id
            rerun.is_auto_rerun = True
        else:
            self._start_full_run()
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        result = await asyncio.wait_for(self._read_until_finished(), timeout=self.timeout_s)
        result.seconds = time.perf_counter() - start
        return result

    def _start_full_run(self) -> None:
        # a full run announces its widgets, links and timed fragments anew
        self.widgets = {}
        self.links = []
        self.auto_reruns = {}

    async def _read_until_finished(self) -> RunResult:
        assert self._ws is not None
        result = RunResult(seconds=0.0, status="running")
        while True:
            data = await self._ws.recv()
            if isinstance(data, str):
                raise ProtocolError(f"unexpected text frame: {data[:200]}")
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            result.n_messages += 1
            kind = fwd.WhichOneof("type")
            if kind == "script_finished":
                if fwd.script_finished in _DONE:
                    result.status = _DONE[fwd.script_finished]
                    result.fragment_run = (
                        fwd.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    )
                    return result
                # early finish for a queued rerun (also a fragment's st.rerun()): its
                # elements are stale, a full run follows
                self._start_full_run()
                self.texts = []
            elif kind == "auto_rerun":
                self.auto_reruns[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "new_session":
                self.main_script_hash = fwd.new_session.main_script_hash
                self.current_page_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":
                self.current_page_hash = fwd.navigation.page_script_hash
                self.pages = [
                    AppPage(p.page_script_hash, p.page_name, p.url_pathname, p.is_default)
                    for p in fwd.navigation.app_pages
                ]
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                result.page_not_found = True
            elif kind == "delta":
                self._read_delta(fwd, result)

    def _read_delta(self, fwd: ForwardMsg, result: RunResult) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") == "add_block":
            if delta.add_block.WhichOneof("type") == "expandable":
                self.texts.append(delta.add_block.expandable.label)
            return
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        etype = element.WhichOneof("type")
        if etype == "markdown":
            self.texts.append(element.markdown.body)
        elif etype == "link_button":
            self.links.append((element.link_button.label, element.link_button.url))
        if etype == "exception":
            exc = element.exception
            if not exc.is_warning:
                result.exceptions.append(f"{exc.type}: {exc.message}")
            return
        if etype is None:
            return
        proto = getattr(element, etype)
        widget_id = getattr(proto, "id", "")
        if not widget_id or etype not in KNOWN_KINDS:
            return
        self.widgets[widget_id] = Widget(
            kind=etype,
            id=widget_id,
            label=getattr(proto, "label", ""),
            options=_options(etype, proto),
            query_param_key=getattr(proto, "query_param_key", ""),
            from_main_script=fwd.metadata.active_script_hash == self.main_script_hash,
            value=self._value_sent(widget_id, etype, proto),
            form_id=getattr(proto, "form_id", ""),
            is_form_submitter=bool(getattr(proto, "is_form_submitter", False)),
            is_integer=etype == "number_input" and proto.data_type == proto.INT,
        )

    def _value_sent(self, widget_id: str, kind: str, proto: Any) -> Any:
        # The server echoes a widget's value only when code set it; the value this client
        # sent last is the truth for widgets it changed.
        state = self._changed.get(widget_id)
        if state is None:
            return _current_value(kind, proto)
        which = state.WhichOneof("value")
        if which == "string_array_value":
            return list(state.string_array_value.data)
        return getattr(state, which) if which else None
