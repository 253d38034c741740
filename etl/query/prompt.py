"""The front end of the `cfwatch sql` shell: keys in, entries out, through prompt_toolkit.

prompt_toolkit does the line editing (Emacs keys, multi-line entries, history kept in a file
across sessions, search with Ctrl-R, completion); `etl/query/shell.py` runs what is entered.
When standard input is not a terminal (`cfwatch sql < queries.sql`), the same entries are
read from it line by line, with no prompt."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory
from prompt_toolkit.key_binding import KeyBindings

from etl.errors import EXIT_FAILED, EXIT_OK
from etl.query import output
from etl.query.catalog import completion_words
from etl.query.shell import DOT_COMMANDS, Shell, is_complete

ENV_HISTORY = "CFWATCH_HISTORY"

PROMPT = "cfwatch> "
CONTINUATION = "    ...> "

_WORD_BEFORE_CURSOR = re.compile(r"[\w.]*$")


def history_file() -> Path:
    """$CFWATCH_HISTORY, else cfwatch/sql_history in $XDG_STATE_HOME (~/.local/state)."""
    if os.environ.get(ENV_HISTORY):
        return Path(os.environ[ENV_HISTORY]).expanduser()
    state = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(state) / "cfwatch" / "sql_history"


class NameCompleter(Completer):
    """Tables, views, columns, SQL keywords and dot-commands, by the prefix before the cursor
    (case-insensitive; after `alias.` the part after the dot)."""

    def __init__(self, words: Iterable[str]):
        self.words = list(words)
        self.dot_commands = [command.split()[0] for command, _ in DOT_COMMANDS]

    def get_completions(self, document: Document, complete_event) -> Iterator[Completion]:
        before = document.text_before_cursor
        word = _WORD_BEFORE_CURSOR.search(before).group(0)
        if word.startswith(".") and before.strip() == word:
            candidates, prefix = self.dot_commands, word
        else:
            candidates, prefix = self.words, word.rsplit(".", 1)[-1]
        if not prefix:
            return
        for candidate in candidates:
            if candidate.lower().startswith(prefix.lower()) and candidate != prefix:
                yield Completion(candidate, start_position=-len(prefix))


def _keys() -> KeyBindings:
    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event) -> None:
        """Run a complete entry; otherwise start a new line of the same entry."""
        buffer = event.current_buffer
        if is_complete(buffer.text):
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    return keys


def interactive(shell: Shell) -> int:
    """The shell on a terminal, until Ctrl-D or `.quit`; or over piped standard input."""
    words = completion_words(shell.warehouse)  # also fails early when there is no warehouse
    if not sys.stdin.isatty():
        return _piped(shell, sys.stdin)
    history = history_file()
    history.parent.mkdir(parents=True, exist_ok=True)
    session = PromptSession(history=FileHistory(str(history)), multiline=True,
                            key_bindings=_keys(), completer=NameCompleter(words),
                            complete_while_typing=False, prompt_continuation=CONTINUATION)
    output.notice(f"cfwatch sql: {shell.warehouse}, read-only and sandboxed. Statements end "
                  "with ';'. .help lists the commands; Ctrl-D leaves.")
    while True:
        try:
            entry = session.prompt(PROMPT)
        except KeyboardInterrupt:  # Ctrl-C at the prompt: drop what was typed
            continue
        except EOFError:
            return EXIT_OK
        try:
            if not shell.handle(entry):
                return EXIT_OK
        except KeyboardInterrupt:  # Ctrl-C while a result was being written: keep the shell
            output.notice("cfwatch: interrupted")


def _piped(shell: Shell, lines: Iterable[str]) -> int:
    """Entries from a file or a pipe; exit 1 when any of them failed, as a one-shot would."""
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if is_complete("".join(pending)):
            entry, pending = "".join(pending), []
            if not shell.handle(entry):
                break
    else:
        if "".join(pending).strip():
            shell.handle("".join(pending))
    return EXIT_FAILED if shell.failures else EXIT_OK
