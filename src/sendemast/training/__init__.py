"""Tuning the bundled model for the composer's job: one note in, one first-person sentence out.

- :mod:`~sendemast.training.dataset` — the hand-written examples (``corpus/training/written``), each
  checked by the composer's own verifier, split into train and dev; the held-out notes live apart in
  ``evals/written`` and are never trained or tuned on;
- :mod:`~sendemast.training.adapter` — a LoRA adapter trained with transformers + peft on the bundled GGUF
  (``make adapter``), converted to a GGUF adapter that llama-cpp-python loads (extra ``.[train]``).
"""
