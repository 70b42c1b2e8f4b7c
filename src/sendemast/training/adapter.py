"""Train the composer's LoRA adapter for the bundled Gemma 3 270M, convert it to GGUF and check it loads.

    python -m sendemast.training.adapter [--epochs 3] [--out DIR] [--limit N] [--threads 2] [--seed 0]
    make adapter                       # the same, then installs the result into the package

Needs the extra ``.[train]`` (torch, transformers, peft, gguf, sentencepiece); nothing here is imported by
the product. The steps, each logged to ``DIR/train.log.jsonl``:

1. the examples the composer's verifier accepts (:mod:`sendemast.training.dataset`), as the prompt the
   composer sends the tuned model (``prompts/compose-sentence-tuned.yaml``) and the sentence + newline;
2. transformers reads the bundled GGUF and dequantizes it to float32; peft adds LoRA (r=16 on every
   attention and MLP projection); the loss is on the sentence only; AdamW, linear decay, seeded;
3. after each epoch the loss on the dev split; the epoch with the lowest dev loss is kept (more epochs
   overfit: measured before this module, 2 epochs beat 5);
4. ``convert_lora_to_gguf.py`` from llama-cpp-python's source distribution (fetched with pip into the
   cache, as its own package ships no converter) writes a GGUF adapter, which llama-cpp-python loads back
   with the GGUF model and answers a dev note with;
5. ``adapter.json`` beside it: base model sha256, data sha256, prompt version, steps, losses, seed, time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sendemast.errors import ConfigError, SendemastError
from sendemast.lang import Language
from sendemast.training.dataset import Example, checked, load_examples

BASE_MODEL = "gemma-3-270m"
PROMPT = "compose-sentence-tuned"
TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
ADAPTER_FILE = "gemma-3-270m-compose.gguf"


@dataclass
class TrainConfig:
    epochs: int = 3
    batch: int = 8
    lr: float = 2e-4
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    warmup: int = 20
    seed: int = 0
    threads: int = 2
    limit: int = 0  # train on the first N examples only (a smoke run); 0: all
    max_tokens: int = 160  # longer prompt + sentence pairs are left out (none of the written ones is)


@dataclass
class Provenance:
    base_model: str
    base_sha256: str
    prompt: str
    prompt_version: str
    data_sha256: str
    examples_train: int
    examples_dev: int
    config: dict[str, Any]
    epochs: list[dict[str, float]] = field(default_factory=list)
    chosen_epoch: int = 0
    steps: int = 0
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    check: dict[str, str] = field(default_factory=dict)


def prompt_text(example: Example) -> str:
    """The prompt the composer sends the tuned model for this example's note."""
    from sendemast.prompts import load_prompt, render

    lang: Language = "en" if example.lang == "en" else "da"
    variables = {"note": " ".join(example.note.split()), "task": example.task, "role": example.role}
    return str(render(load_prompt(PROMPT), lang, variables).request().prompt)


def data_hash(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        digest.update(json.dumps(asdict(e), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _log(out: Path, **event: Any) -> None:
    event["t"] = round(time.time(), 1)
    with (out / "train.log.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(event, ensure_ascii=False) + "\n")
    print(json.dumps(event, ensure_ascii=False), flush=True)


def _encode(tokenizer: Any, examples: list[Example], max_tokens: int) -> list[tuple[list[int], list[int]]]:
    encoded = []
    for example in examples:
        prompt = tokenizer(prompt_text(example), add_special_tokens=True)["input_ids"]
        target = tokenizer(" " + example.sentence.strip() + "\n", add_special_tokens=False)["input_ids"]
        if len(prompt) + len(target) <= max_tokens:
            encoded.append((prompt + target, [-100] * len(prompt) + target))
    return encoded


def _batches(items: list[tuple[list[int], list[int]]], size: int, rng: random.Random) -> list[list[int]]:
    """Indices in batches of similar length (less padding: a step costs what its longest row costs)."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _tensor(items: list[tuple[list[int], list[int]]], batch: list[int], pad: int) -> dict[str, Any]:
    import torch

    width = max(len(items[i][0]) for i in batch)
    ids = [items[i][0] + [pad] * (width - len(items[i][0])) for i in batch]
    labels = [items[i][1] + [-100] * (width - len(items[i][1])) for i in batch]
    mask = [[1] * len(items[i][0]) + [0] * (width - len(items[i][0])) for i in batch]
    return {
        "input_ids": torch.tensor(ids),
        "labels": torch.tensor(labels),
        "attention_mask": torch.tensor(mask),
    }


def _loss(model: Any, tensors: dict[str, Any]) -> Any:
    """The mean cross-entropy on the sentence's tokens, with the output layer applied to those positions
    only: Gemma's vocabulary has 262,144 entries, and logits for every prompt position cost more than the
    rest of the model (the same loss as ``model(labels=…).loss``, without the logits it throws away)."""
    import torch

    causal = model.base_model.model  # peft → Gemma3ForCausalLM
    hidden = causal.model(input_ids=tensors["input_ids"], attention_mask=tensors["attention_mask"])[0]
    targets = tensors["labels"][:, 1:]
    wanted = targets != -100
    logits = causal.lm_head(hidden[:, :-1][wanted])
    return torch.nn.functional.cross_entropy(logits.float(), targets[wanted])


def _dev_loss(model: Any, items: list[tuple[list[int], list[int]]], pad: int, size: int) -> float:
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(items), size):
            batch = list(range(start, min(start + size, len(items))))
            tensors = _tensor(items, batch, pad)
            tokens = int((tensors["labels"] != -100).sum())
            total += float(_loss(model, tensors)) * tokens
            count += tokens
    model.train()
    return total / max(1, count)


def train(out: Path, config: TrainConfig) -> Provenance:
    """Train, keep the best epoch, convert to GGUF and check it; returns the provenance written."""
    try:
        import torch
        from peft import LoraConfig, get_peft_model
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(f"training needs {exc.name}", hint="pip install 'sendemast[train]'") from None
    from sendemast.models.weights import bundled_path
    from sendemast.prompts import load_prompt

    out.mkdir(parents=True, exist_ok=True)
    (out / "train.log.jsonl").unlink(missing_ok=True)
    kept, refused = checked(load_examples())
    train_set = [e for e in kept if e.split == "train"]
    dev_set = [e for e in kept if e.split == "dev"]
    if config.limit:
        train_set, dev_set = train_set[: config.limit], dev_set[: max(8, config.limit // 8)]
    base = bundled_path(BASE_MODEL)
    provenance = Provenance(
        base_model=f"local/{BASE_MODEL}",
        base_sha256=file_sha256(base),
        prompt=PROMPT,
        prompt_version=load_prompt(PROMPT).version,
        data_sha256=data_hash(train_set + dev_set),
        examples_train=len(train_set),
        examples_dev=len(dev_set),
        config=asdict(config),
        versions={m.__name__: str(getattr(m, "__version__", "")) for m in (torch,)},
    )
    _log(out, event="data", train=len(train_set), dev=len(dev_set), refused=len(refused))
    started = time.time()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    tokenizer = AutoTokenizer.from_pretrained(str(base.parent), gguf_file=base.name)
    model: Any = AutoModelForCausalLM.from_pretrained(str(base.parent), gguf_file=base.name,
                                                      dtype=torch.float32)
    _log(out, event="loaded", seconds=round(time.time() - started, 1))
    model = get_peft_model(model, LoraConfig(
        r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
        target_modules=TARGET_MODULES, task_type="CAUSAL_LM",
    ))
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    items = _encode(tokenizer, train_set, config.max_tokens)
    dev_items = _encode(tokenizer, dev_set, config.max_tokens)
    rng = random.Random(config.seed)
    steps_per_epoch = math.ceil(len(items) / config.batch)
    total_steps = steps_per_epoch * config.epochs
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=config.lr)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / config.warmup) * max(0.0, 1 - s / max(1, total_steps))
    )
    dev = _dev_loss(model, dev_items, pad, config.batch)
    provenance.epochs.append({"epoch": 0, "dev_loss": round(dev, 4)})
    _log(out, event="epoch", epoch=0, dev_loss=round(dev, 4))
    best = (dev, 0)
    model.train()
    step = 0
    for epoch in range(1, config.epochs + 1):
        losses = []
        for batch in _batches(items, config.batch, rng):
            loss = _loss(model, _tensor(items, batch, pad))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            losses.append(float(loss.detach()))
            if step % 10 == 0:
                _log(out, event="step", step=step, of=total_steps, loss=round(sum(losses[-10:]) / 10, 4),
                     seconds=round(time.time() - started, 1))
        dev = _dev_loss(model, dev_items, pad, config.batch)
        train_loss = sum(losses) / max(1, len(losses))
        provenance.epochs.append(
            {"epoch": epoch, "train_loss": round(train_loss, 4), "dev_loss": round(dev, 4)}
        )
        _log(out, event="epoch", epoch=epoch, train_loss=round(train_loss, 4), dev_loss=round(dev, 4))
        model.save_pretrained(str(out / f"epoch-{epoch}"))
        if dev < best[0]:
            best = (dev, epoch)
    provenance.chosen_epoch = best[1]
    provenance.steps = step
    provenance.seconds = round(time.time() - started, 1)
    if best[1] == 0:
        raise SendemastError("training did not lower the dev loss: no adapter written")
    (out / "provenance.partial.json").write_text(json.dumps(asdict(provenance), indent=2), encoding="utf-8")
    return finish(out, model.base_model.model.config)


def finish(out: Path, config: Any = None) -> Provenance:
    """Convert the chosen epoch of a training run in ``out`` to a GGUF adapter, load it back, answer
    three dev notes and write ``adapter.json`` (also alone: ``--finish``, after a run whose conversion
    failed, without training again)."""
    from sendemast.models.weights import bundled_path

    data = json.loads((out / "provenance.partial.json").read_text(encoding="utf-8"))
    provenance = Provenance(**data)
    base = bundled_path(BASE_MODEL)
    if config is None:
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(str(base.parent), gguf_file=base.name)
    with tempfile.TemporaryDirectory() as tmp:
        base_config = Path(tmp) / "base"
        save_base_config(config, base_config)
        convert(out / f"epoch-{provenance.chosen_epoch}", base_config, out / ADAPTER_FILE)
    dev_set = [e for e in checked(load_examples())[0] if e.split == "dev"]
    provenance.check = check_adapter(base, out / ADAPTER_FILE, dev_set[:3])
    (out / "adapter.json").write_text(json.dumps(asdict(provenance), indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    _log(out, event="done", adapter=str(out / ADAPTER_FILE), chosen_epoch=provenance.chosen_epoch,
         seconds=provenance.seconds)
    return provenance


def save_base_config(config: Any, folder: Path) -> None:
    """The base model's ``config.json``, which is all the converter reads of it; a config read from a
    GGUF names no architecture, and the converter chooses its code by that name."""
    if not getattr(config, "architectures", None):
        config.architectures = ["Gemma3ForCausalLM"]
    # the model was read from a GGUF and says so; the converter refuses quantized bases it cannot read,
    # and reads nothing but the architecture's sizes here
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.save_pretrained(str(folder))


def converter() -> Path:
    """llama.cpp's ``convert_lora_to_gguf.py``, from the llama-cpp-python source distribution of the
    installed version (downloaded once with pip into the cache: the wheel does not carry it)."""
    from importlib.metadata import version

    from sendemast.resources import user_cache

    release = version("llama-cpp-python")
    folder = user_cache("training") / f"llama-cpp-python-{release}"
    script = folder / "vendor" / "llama.cpp" / "convert_lora_to_gguf.py"
    if script.is_file():
        return script
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             f"llama-cpp-python=={release}", "-d", tmp],
            check=True,
        )
        archive = next(Path(tmp).glob("llama_cpp_python-*.tar.gz"))
        import tarfile

        with tarfile.open(archive) as tar:
            prefix = f"llama_cpp_python-{release}/vendor/llama.cpp/"
            # the converters, their conversion/ package and gguf-py: the Python of llama.cpp's top level
            wanted = (prefix + "conversion/", prefix + "gguf-py/")
            members = [m for m in tar.getmembers() if m.name.startswith(prefix) and m.isfile() and (
                m.name.startswith(wanted) or m.name.count("/") == 3
            ) and m.name.endswith((".py", ".json"))]
            tar.extractall(tmp, members=members, filter="data")
        target = Path(tmp) / f"llama_cpp_python-{release}"
        folder.parent.mkdir(parents=True, exist_ok=True)
        import shutil

        shutil.copytree(target, folder, dirs_exist_ok=True)
    return script


def convert(lora_dir: Path, base_config: Path, outfile: Path) -> None:
    script = converter()
    env_path = str(script.parent / "gguf-py")
    import os

    env = {**os.environ, "PYTHONPATH": env_path + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, str(script), "--base", str(base_config), "--outtype", "f16",
         "--outfile", str(outfile), str(lora_dir)],
        capture_output=True, text=True, env=env,
    )
    if done.returncode != 0 or not outfile.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SendemastError(f"converting the adapter to GGUF failed: {last}")


def check_adapter(base: Path, adapter: Path, examples: list[Example]) -> dict[str, str]:
    """Load the GGUF adapter with the base model in llama-cpp-python and answer a few dev notes."""
    import contextlib
    import io

    from llama_cpp import Llama

    with contextlib.redirect_stderr(io.StringIO()):
        llm = Llama(model_path=str(base), lora_path=str(adapter), n_ctx=512, n_threads=2, verbose=False,
                    seed=0)
    answers = {}
    for example in examples:
        out: Any = llm(prompt_text(example), max_tokens=60, temperature=0.0, stop=["\n"])
        answers[example.note] = out["choices"][0]["text"].strip()
    llm.close()
    if not any(answers.values()):
        raise SendemastError("the converted adapter answered nothing")
    return answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sendemast.training.adapter",
                                     description=__doc__.split("\n")[0])
    defaults = TrainConfig()
    parser.add_argument("--out", type=Path, default=Path("out/adapter"),
                        help="working folder (default out/adapter)")
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--batch", type=int, default=defaults.batch)
    parser.add_argument("--lr", type=float, default=defaults.lr)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--threads", type=int, default=defaults.threads)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N examples (a smoke run)")
    parser.add_argument("--finish", action="store_true",
                        help="only convert, check and describe the chosen epoch of the run in --out")
    args = parser.parse_args(argv)
    config = TrainConfig(epochs=args.epochs, batch=args.batch, lr=args.lr, seed=args.seed,
                         threads=args.threads, limit=args.limit)
    try:
        if args.finish:
            finish(args.out)
        else:
            train(args.out, config)
    except SendemastError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
