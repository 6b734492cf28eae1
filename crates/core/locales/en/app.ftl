# The masthead, the language switch and loading messages.
# Fluent syntax (https://projectfluent.org/fluent/guide/): `id = text`; { $name } is a value the
# page fills in. Keep every { $name } of the English text in a translation.

app-document-title = RiskScope: private credit and fraud scoring
app-language = Language
app-privacy = Private by design: nothing you enter or load leaves this device, and after the first visit RiskScope works offline (tested in tests/e2e/privacy.test.mjs and tests/e2e/offline.test.mjs).
app-catalog-loading = Loading the model catalog…
app-catalog-failed = The model catalog could not be loaded. { $error }
app-model-loading = Loading the model…
app-model-failed = The model could not be loaded. { $error }
