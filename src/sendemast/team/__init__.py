"""The team layer: accounts, roles, posts on the approval path, and the drafting history, in one
database that the CLI and the studio share. No web code lives here; the studio builds on it.

Storage
    SQLAlchemy 2 models (``models.py``) and Alembic migrations shipped in ``migrations/``, run by
    :func:`db.open_database` (one query when the schema is current). SQLite at ``state_dir/team.db``
    by default, PostgreSQL with ``[studio] database = "postgresql+psycopg://user@host/db"``.
    Everything lives in the database — sessions, login attempts, posts, locks (optimistic, below),
    the studio's draft jobs and their events (``draft_jobs``, ``draft_job_events``; see
    ``sendemast.studio.jobs``) — so several studio processes can share one PostgreSQL and hold no
    state of their own.

Accounts (``accounts.py``, ``passwords.py``)
    Roles ``leader``, ``adviser``, ``approver``, ``admin``; a user's leaders are string ids
    (the workspace's leader ids, ``birgitte``), the same ids posts carry.
    argon2id hashes (``argon2-cffi``). An
    :class:`accounts.Account` never carries the hash.

Permissions (``permissions.py``)
    ``can(user, action, post_or_leader) -> bool`` is the only rule book; every library function that
    touches a post asks it. A post the user may not ``view`` raises :class:`errors.NotFound`, the same
    as a missing one (answer 404, never 403, so its existence does not leak).

The approval path (``workflow.py`` as data, ``approval.take_step``, ``posts.py``)
    kladde → til_godkendelse → aendringer_oensket / godkendt → udgivet, plus ``withdraw`` back to
    kladde. Every step is a ``transitions`` row with who and when (and a reason where one is needed);
    a ``block`` finding cannot be approved, a ``review`` finding needs a reason. Comments in
    ``comments``, every text in ``post_versions``.

No lost update
    A post carries ``version``. :func:`posts.save_text` takes the version the editor read and does a
    compare-and-set (``UPDATE … WHERE id = ? AND version = ?``); if someone saved first it raises
    :class:`errors.PostConflict`, whose ``current`` holds the other's version, text and author. Steps
    accept the same ``version`` so an approval is of the text the approver saw.

For the web layer (issue 14)
    - Login: :func:`accounts.authenticate(db, name, password, address)` returns an Account, or raises
      :class:`errors.LoginFailed` (401; one message for unknown name and wrong password, same time) or
      :class:`errors.LoginThrottled` (429, ``retry_after`` seconds; per name and per address, from the
      ``login_attempts`` table; :class:`accounts.ThrottlePolicy` sets the numbers).
    - Sessions: :mod:`sessions` — ``start_session`` gives the cookie token (only its SHA-256 is
      stored) and a per-session CSRF token; ``find_session`` resolves a cookie; ``csrf_ok`` checks a
      form field or header in constant time; ``end_session`` logs out; ``user passwd`` ends them all.
      The cookie itself (HttpOnly, SameSite, Secure behind HTTPS) is the web layer's.
    - ``GET /api/posts``: :func:`posts.list_posts(db, user)` → ``[PostView]``; ``PostView.to_dict()``
      has ``id``, ``leader``, ``status`` and the rest. The board: ``list_posts(db, user, leader=…,
      status=…)`` grouped by ``status``; labels in ``workflow.LABELS`` (da, en).
    - Errors carry ``status`` (404, 403, 409, 401, 429) for the HTTP answer.
    - Drafts made in the studio: ``HistoryStore(db, leader=…, user=account)`` passed to
      ``drafting.run`` makes the post, with the account as its author.
    - Publishing: ``take_step(..., "publish", url=…, published_on=…,
      publisher=workspace_glue.workspace_publisher(workspace))``.

The command line (``sendemast user …``, ``sendemast post …``) calls the same functions. It trusts
whoever can open the database (they could edit it directly); ``--as NAME`` acts as an account with
her permissions, and without it the actor is recorded as ``cli``.
"""
