"""Helpers the browser tests share: filling forms, axe-core, hosts that misbehave, the language
switch. Test modules import from here, never from one another."""
