# en: manifest
# Why a manifest (src/manifest.rs ManifestError) or a model's reference file
# (src/reference.rs ReferenceError) was refused: where ($at, one of the manifest-at-* texts)
# and what is wrong ($problem). Field names of the JSON (format_version, explain.reference,
# translations, one_hot, high, low, …) come in arguments and stay as they are; numbers arrive
# already written out (as text). $error is the JSON reader's own words (English).

## The frame

manifest-json = manifest is not valid JSON for this format: { $error }
manifest-invalid = manifest { $at }: { $problem }

## Where in the manifest

# $field: a field of the JSON, as it is written (decision.cutoff).
manifest-at-field = { $field }
manifest-at-feature = feature "{ $feature }"
# A feature without a name: its position in the list (1 = the first).
manifest-at-feature-number = feature { $number }
# $series: the label of a series (a row of the monthly history).
manifest-at-series = sequence series "{ $series }"
manifest-at-encoding = encoding of "{ $feature }"
manifest-at-risk-band = risk band "{ $band }"
# $field is "translations"; $tag a language tag (zh-CN).
manifest-at-translations = { $field } "{ $tag }"
manifest-at-translations-feature = { $field } "{ $tag }" feature "{ $feature }"

## What is wrong

# $version: the file's format version; $reads: the one this build reads.
manifest-format-version = is { $version }, this build reads { $reads }
manifest-empty = is empty
manifest-no-name = has no name
manifest-listed-twice = is listed twice
manifest-policy-outside-category = has a policy for values outside the training range, but is a category: only numbers have a range
manifest-policy-imputed-value = imputes { $value } for a missing value, which is not a value of this feature (or not what its "from" says)
manifest-recourse-direction-category = locks a category to one direction for recourse: only numbers go up or down (give its "moves" instead)
manifest-recourse-moves-number = lists recourse moves, but is a number: only categories have moves
manifest-recourse-moves-unknown = lists a recourse move with "{ $category }", which is not one of its categories
manifest-explain-reference-file = "{ $file }" is not a file name beside the manifest
manifest-sha256 = "{ $sha }" is not 64 lower-case hex digits
manifest-additive-not-probability = applies to log-odds, but the model's output is not a probability
manifest-sequence-empty = needs at least one step and one series
manifest-series-length = names { $features } features for { $steps } steps
manifest-series-unknown-feature = "{ $feature }" is no feature of the manifest
manifest-series-placed-twice = "{ $feature }" is placed twice
manifest-encoding-unknown-feature = names no feature of the manifest
manifest-encoding-twice = encodes the feature a second time
manifest-never-encoded = feature "{ $feature }" is never encoded
# $columns: the columns the manifest declares; $width: the columns its encoding makes.
manifest-input-columns = is { $columns }, but the encoding makes { $width } columns
manifest-scorecard-points = must give one value per WOE bin of each block
manifest-cutoff-probability = { $cutoff } is not between 0 and 1
manifest-cutoff-anomaly = { $cutoff } is not a positive number
manifest-band-upper = needs an upper bound above { $lower }
manifest-band-last-probability = is the last band of a probability: its upper bound must be 1, above { $lower }
manifest-band-last-anomaly = is the last band of an anomaly score: it has no upper bound
# $kind: the encoding's name in the manifest (one_hot, numeric).
manifest-one-hot-needs-category = { $kind } needs a category feature
manifest-numeric-needs-number = { $kind } needs a number or integer feature
manifest-woe-not-finite = a WOE value is not a finite number
manifest-woe-category-bins = category "{ $category }" is in { $bins } WOE bins, not one
manifest-woe-unknown-category = a WOE bin names no category of the feature
manifest-woe-no-bins = has no WOE bins
manifest-woe-numeric-bins = numeric WOE bins need ascending uppers and an open last bin
# $placeholder is "{category}"; $high and $low the template's field names.
manifest-reason-category-high-low = a category's reason is one text with { $placeholder }, not { $high }/{ $low }
manifest-reason-number-one-text = a number's reason needs a "{ $high }" and a "{ $low }" text
manifest-reason-empty = has an empty reason text
# $text: the reason as written; $placeholder: the unknown one, with its braces ({amount}).
manifest-reason-placeholder = reason "{ $text }" has the unknown placeholder { $placeholder }
manifest-range-not-range = range { $min }..{ $max } is not a range
manifest-default-outside = default { $default } is outside { $min }..{ $max }
manifest-default-not-whole = default { $default } is not a whole number
manifest-no-categories = has no categories
manifest-category-ambiguous = category "{ $category }" is ambiguous
manifest-default-not-category = default "{ $default }" is not a category
manifest-not-a-language-tag = is not a language tag
manifest-unknown-risk-band = names the unknown risk band "{ $band }"
manifest-step-labels = has { $labels } step labels for { $steps } steps
manifest-series-labels = has { $labels } series labels for { $series } series
manifest-unknown-feature = names the unknown feature "{ $feature }"
manifest-unknown-category = names the unknown category "{ $category }"

## The reference file (src/reference.rs)

manifest-reference-not-in-manifest = the model "{ $model }" names no reference sample in its manifest
manifest-reference-hash-mismatch = the reference file's SHA-256 is { $actual }, but the manifest expects { $expected }: it is not the file the manifest describes
manifest-reference-json = reference file is not valid JSON for this format: { $error }
manifest-reference-invalid = reference file { $at }: { $problem }
# $error: why its rows could not be scored (the model's error).
manifest-reference-unscored = the reference sample could not be scored: { $error }
# $row: 1 = the first row.
manifest-reference-at-background-row = background row { $row }
manifest-reference-at-evaluation-row = evaluation row { $row }
# $model: the model the file is for; $manifest: the manifest's model.
manifest-reference-other-model = is "{ $model }", but the manifest is "{ $manifest }"
manifest-reference-no-rows = has no rows
manifest-reference-lengths = has { $scores } scores, { $labels } labels and { $weights } weights; they must be as many
manifest-reference-score-range = score { $score } is out of range
manifest-reference-label = label { $label } is not 0 or 1
manifest-reference-weight = weight { $weight } is not a positive number
# A background row's problems: one per field, joined ($first: those before, $next: one more).
manifest-reference-field = field "{ $feature }": { $problem }
manifest-reference-fields = { $first }; { $next }
# A row with no field's problem (never given): nothing.
manifest-reference-no-field = { "" }
manifest-reference-value-missing = no value given
manifest-reference-value-not-a-number = "{ $text }" is not a number
manifest-reference-value-not-whole = { $value } is not a whole number
manifest-reference-value-out-of-range = { $value } is outside the allowed range { $min } to { $max }
manifest-reference-value-unknown-category = "{ $text }" is not one of the categories
manifest-at-input = model input "{ $input }"
manifest-inputs-both = give either { $input } (one float input) or { $inputs } (one per column), not both
manifest-inputs-none = gives no input: { $input } (one float input) or { $inputs } (the graph's inputs)
manifest-input-string-columns = has { $columns } columns; a float input has one or more, a string input exactly one
manifest-text-needs-string-input = is a text block, but column { $column } goes to a float input; text is fed to string inputs only
manifest-string-input-needs-text = goes to the string input "{ $input }", which only a text block can feed
manifest-unseen-needs-text = has a category for unseen values, which only a text block can feed to the model
manifest-unseen-last = the category for unseen values must be the last, and only one
