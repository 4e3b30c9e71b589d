"""A small LALR(1) driver for tables that lark computed from a grammar.

The outline grammar (grammar/outline.lark) is compiled by lark into parse tables once, at
development time (scripts/gen_outline_parser.py → _outline_parser.py, checked for staleness
by the tests); running those tables needs only this loop, so linting never imports lark.
"""

from __future__ import annotations

SHIFT, REDUCE = 0, 1


class ParseError(Exception):
    """The token sequence does not parse (the grammar accepts every sequence of its terminals)."""


class Token:
    __slots__ = ("type", "value")

    def __init__(self, type_, value):
        self.type = type_
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Token) and (self.type, self.value) == (other.type, other.value)

    __hash__ = None

    def __repr__(self):
        return f"Token({self.type!r}, {self.value!r})"


class Tree:
    __slots__ = ("data", "children")

    def __init__(self, data, children):
        self.data = data
        self.children = children

    def __eq__(self, other):
        return isinstance(other, Tree) and (self.data, self.children) == (other.data, other.children)

    __hash__ = None

    def __repr__(self):
        return f"Tree({self.data!r}, {self.children!r})"


class Parser:
    """LALR(1) over runs ``(kind, start, end)``: a token's value is the run's position, as with
    lark's custom lexer. Rules whose name starts with "_" are inlined into their parent, as
    lark's tree builder does (the generator checks the grammar uses nothing else)."""

    def __init__(self, states, rules, start: int, end: int):
        self.states = states
        self.rules = rules
        self.start = start
        self.end = end

    def parse(self, runs):
        STATES, RULES, END = self.states, self.rules, self.end
        states = [self.start]
        values = []
        n = len(runs)
        for i in range(n + 1):
            kind = runs[i][0] if i < n else "$END"
            while True:
                try:
                    action, arg = STATES[states[-1]][kind]
                except KeyError:
                    raise ParseError(f"unexpected {kind} at run {i}") from None
                if action == SHIFT:
                    states.append(arg)
                    values.append(Token(kind, i))
                    break
                origin, size = RULES[arg]
                if size:
                    kids = []
                    for v in values[-size:]:
                        if v.__class__ is Tree and v.data[0] == "_":
                            kids.extend(v.children)
                        else:
                            kids.append(v)
                    del states[-size:]
                    del values[-size:]
                else:
                    kids = []
                states.append(STATES[states[-1]][origin][1])
                values.append(Tree(origin, kids))
                if i == n and states[-1] == END:
                    return values[-1]
        raise ParseError("the input ended before the start rule was complete")
