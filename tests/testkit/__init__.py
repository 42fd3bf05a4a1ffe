"""The helpers every test layer shares: one place, imported as ``testkit``.

pytest puts ``tests/`` on ``sys.path`` (the rootdir-less "prepend" import mode), so this
package is importable as ``testkit`` from any test, conftest or helper, as ``fakebot`` is.

- :mod:`testkit.waits`: :func:`~testkit.waits.wait_budget`, the one way a test decides how
  long to wait for something, scaled by ``HEARBACK_TEST_TOLERANCE``.
- :mod:`testkit.clock`: :class:`~testkit.clock.Clock`, an aware "now" that moves only when
  the test says so, and the moment most tests start at.
- :mod:`testkit.databases`: fresh databases on SQLite and PostgreSQL, and copies of one
  migrated per session (a file copy, or ``CREATE DATABASE ... TEMPLATE``).

Test modules never import each other; what two of them share lives here, in a
directory's helper module (``handlers/harness.py``, ``scheduling/support.py``,
``e2e/conftest.py``) or in a fixture.
"""
