# en: teach
# The "Teach" section: how the model on screen works (src/web/teach/, src/teach/).
# Fluent syntax (https://projectfluent.org/fluent/guide/): `id = text`; { $name } is a value the
# page fills in. Numbers arrive already formatted. {" "} is a space that must not be trimmed.

## The section and each view's frame

teach-summary = Teach: how this model works
# Before each view's plain explanation, which continues the sentence.
teach-what-label = What you are seeing:{" "}
# A percentage written with a space before the sign; $value is the number ("12.3").
teach-percent = { $value } %
# Between items of a list inside a sentence.
teach-list-separator = {"; "}
teach-list-comma = {", "}
# Between the widths of hidden layers ("64 and 32").
teach-list-and = {" and "}

## Errors of the teaching core (src/teach/mod.rs)

# $error: the ONNX parser's message.
teach-error-onnx = the ONNX file could not be read: { $error }
teach-error-no-graph = the ONNX file could not be read: the file has no graph
teach-error-no-sequence = the model has no monthly history
# $feature: a feature name such as PAY_0.
teach-error-no-quiet-month = "{ $feature }" has no value for a month without activity
teach-error-no-reference = the model ships no reference sample
teach-error-no-feature-errors = the model gives no per-input reconstruction errors
teach-error-not-a-scorecard = the model is not a points scorecard
# $problem: one of the teach-sample-* messages below.
teach-error-sample = the labelled sample: { $problem }
# $error: the scorer's message.
teach-error-score = scoring failed: { $error }

## What is wrong with a labelled sample (src/teach/woe.rs)

# $error: the CSV reader's message.
teach-sample-unreadable = { $error }
# $feature: a feature name.
teach-sample-no-column = no column holds "{ $feature }"
teach-sample-no-label = the file has no label column
# $row: the row number; $error: what is wrong with it (the CSV reader's or the form's words).
teach-sample-row = row { $row }: { $error }
# $label: the cell's text; $positive, $negative: the label values the model expects.
teach-sample-row-label = row { $row }: label "{ $label }" is neither { $positive } nor { $negative }
teach-sample-row-no-bin = row { $row }: no bin of "{ $feature }" holds the value
teach-sample-one-class = the file needs both bad and good rows to weigh evidence

## Model anatomy: the stages' names (src/teach/anatomy.rs)

teach-stage-preprocess = Preprocessing
# $inputs, $outputs: widths of a dense layer.
teach-stage-dense = Dense layer { $inputs } → { $outputs }
# $activation: the operator's name (Relu, Sigmoid…), left as it is.
teach-stage-dense-activation = Dense layer { $inputs } → { $outputs }, then { $activation }
# $op: the operator's name (LSTM, GRU, RNN); $steps: months; $inputs: values per month; $hidden: the hidden state's width.
teach-stage-recurrent-steps = { $op }: { $steps } steps of { $inputs } values → { $hidden } hidden
teach-stage-recurrent = { $op }: { $inputs } values per step → { $hidden } hidden
teach-stage-trees = { $trees } decision trees, { $leaves } leaves, depth up to { $depth }
teach-stage-plumbing = Reshaping and joining
teach-stage-reconstruction = Reconstruction error
teach-stage-output = Output

## Model anatomy: what each stage does (src/teach/anatomy.rs)

# $columns: how many numbers the encoded row holds; $log: "yes" when money amounts get a signed log first.
teach-explain-preprocess =
    Puts the { $columns } numbers of the encoded row on one scale: each column has its training mean subtracted and is divided by its spread (standardisation).{ $log ->
        [yes] {" "}Money amounts first get a signed logarithm, so a bill of 100,000 is not a thousand times a bill of 100.
       *[no] {""}
    } Nothing is learnt here; the constants were measured on the training data.
teach-explain-logistic = Logistic regression: each of the { $inputs } inputs is multiplied by its own learnt weight, the products are added up with a bias (the weighted sum, or log-odds), and the sigmoid squeezes that sum into a probability between 0 and 1. A positive weight pushes the risk up, a negative one down. The file computes two columns, the probabilities of the negative and of the positive class.
# A layer of an autoencoder. $role: "encoder" (narrowing) or "decoder" (widening); $relu: "yes" when
# ReLU follows; $bottleneck: "yes" for the narrowest layer; $last: "yes" for the layer that gives the reconstruction.
teach-explain-autoencoder =
    { $role ->
        [encoder] Encoder: squeezes
       *[decoder] Decoder: widens
    } { $inputs } numbers into { $outputs }, each a weighted sum of the layer before plus a bias{ $relu ->
        [yes] , through ReLU (negative sums become 0)
       *[no] {""}
    }.{ $bottleneck ->
        [yes] {" "}This is the bottleneck: the whole transaction must pass through just { $outputs } numbers, so only the patterns common in the legitimate transactions it was trained on come through.
       *[no] {""}
    }{ $last ->
        [yes] {" "}The result is the network's reconstruction of its (standardised) input.
       *[no] {""}
    }
teach-explain-dense-sigmoid = The output unit: one weighted sum of the { $inputs } values before it plus a bias, squeezed by the sigmoid into a probability between 0 and 1.
teach-explain-dense-relu = A hidden layer of { $outputs } units: each is a weighted sum of the { $inputs } values before it plus a bias, passed through ReLU (a negative sum becomes 0). Stacking such layers lets the network combine inputs in ways one weighted sum cannot.
teach-explain-dense = A weighted sum: { $outputs } outputs, each from the { $inputs } values before it plus a bias.
# $op: LSTM, GRU or RNN; $counted: "yes" when the number of months ($steps) is known; $inputs: values per
# month; $hidden: the hidden state's width; $gates: "yes" for an LSTM.
teach-explain-recurrent =
    The { $op } reads the history one month at a time, oldest first: { $counted ->
        [yes] { $steps }
       *[no] each
    } steps of { $inputs } numbers (each month's repayment status, bill and payment). It carries a hidden state of { $hidden } numbers from month to month, so what happened in April can still matter in September.{ $gates ->
        [yes] {" "}Four gates, each a small weighted sum with a sigmoid, decide at every month what to forget from the memory (forget gate), what to write into it (input gate and candidate) and how much of it to show (output gate).
       *[no] {""}
    } Only the state after the last month goes on.
teach-explain-plumbing-history = Cuts the row into the static attributes and the monthly history, and lays the history out as months × values, the layout the recurrent layer reads (with a starting state of zeros). Nothing is learnt here.
teach-explain-plumbing-join = Joins the recurrent layer's last hidden state with the static attributes (limit, age, education…), so the next layers see both.
teach-explain-plumbing = Reshapes, slices or joins tensors into the layout the next layer expects; nothing is learnt here.
teach-explain-output-reconstruction = Compares the reconstruction with the standardised input: the squared difference of each input is its reconstruction error, and their mean is the anomaly score. A transaction unlike the legitimate ones cannot be rebuilt through the bottleneck, so its error is large.
teach-explain-output-normalise = Divides the two probabilities by their sum so they add up to exactly 1; the page reads the second column, the probability of the positive class.
teach-explain-output-columns = Writes two columns, 1 − p and p, the layout scikit-learn exports; the page reads p.
teach-explain-trees =
    Each of the { $trees } trees sends the row down its branches, one comparison of one input with a threshold at a time (at most { $depth } of them), to a leaf that holds a number; { $classifier ->
        [yes] the leaves' numbers are combined into each class's probability.
       *[no] the leaves' numbers are combined (added up or averaged) into the score.
    }
# ZipMap: a converter's default export pairs each class with its probability.
teach-explain-output-zipmap = Pairs each class with its probability (a ZipMap, as converters export by default) and names the predicted class; the page reads the probabilities as a table and takes the positive class's column.
teach-explain-output = Names the result the page reads.

## Model anatomy: the view (src/web/teach/anatomy_view.rs)

teach-anatomy-title = Model anatomy
teach-anatomy-what-logistic = the model file itself, read by this page. A logistic regression is one weighted sum: every input gets a weight, the weighted inputs are added up, and a sigmoid turns the total into a probability. The boxes are the steps in the order the file runs them.
# $hidden: the hidden layers' widths ("64 and 32").
teach-anatomy-what-mlp = the model file itself, read by this page. A multi-layer perceptron stacks weighted sums: the inputs feed hidden layers of { $hidden } units, each unit switched on or off by ReLU, and a last unit gives the probability. The boxes are the steps in the order the file runs them.
# $hidden: the width of the LSTM's hidden state.
teach-anatomy-what-recurrent = the model file itself, read by this page. An LSTM reads the months one after another, keeping a memory (its hidden state, { $hidden } numbers) that gates update at every month; a small dense network then turns the last memory and the static attributes into a probability.
teach-anatomy-what-autoencoder = the model file itself, read by this page. An autoencoder learns to copy legitimate transactions through a narrow bottleneck of { $bottleneck } numbers. It was never shown fraud: a transaction it cannot copy well (large reconstruction error) is unusual, and that is the anomaly score.
teach-anatomy-what-trees = the model file itself, read by this page. A tree ensemble asks one yes-or-no question about one input at each branch (is this input at most a threshold?) until it reaches a leaf, and adds up the leaves the applicant reaches in every one of its { $trees } trees (at most { $depth } questions each). In boosting, each tree was grown to correct the errors of the trees before it and the total becomes a probability through a logistic function; in a forest, the trees were grown apart and their votes are averaged.
teach-anatomy-what-other = the model file itself, read by this page: its operators in the order the file runs them, the shape of what each computes and the numbers it stores.
teach-anatomy-what-unread = the model file itself, read by this page.
# $error: why the file could not be read.
teach-anatomy-unreadable = The model file could not be read: { $error }
teach-anatomy-file = ONNX file:{" "}
teach-anatomy-bytes = { $bytes } bytes
# $producer: the tool that wrote the file ("pytorch 2.3"); $opset: the ONNX operator set version.
# Around the file's producer (the exporting tool, shown as the file names it).
teach-anatomy-producer-open = {" "}(
teach-anatomy-opset = , opset { $opset });{" "}
teach-anatomy-no-producer = producer not recorded
teach-anatomy-stored = { $numbers } stored numbers
teach-anatomy-stored-rest = , of which { $layers } are the layers' weights and biases (the rest are preprocessing constants); { $operators } operators.
# A tree ensemble's stored numbers are its thresholds and leaf values.
teach-anatomy-stored-trees = , of which { $layers } are the trees' thresholds and leaf values; { $operators } operators.
# $name: the model's input tensor name.
teach-anatomy-input-title = Input "{ $name }"
# $shape: "[N, 61]".
teach-anatomy-input-detail = the encoded row → { $shape }
# More than five operators: the first three, the last, and how many.
teach-anatomy-ops-elided = { $first } … { $last } ({ $count } ops)
# $ops: the stage's operators; $shape: the output shape.
teach-anatomy-stage-detail = {" "}→ { $shape }
# $numbers: how many numbers (weights) the stage stores.
teach-anatomy-stage-detail-numbers = {" "}· { $numbers } numbers → { $shape }
# The diagram's text alternative. $count: how many stages; $stages: their names.
teach-anatomy-diagram-label = Diagram of the model: the input, then { $count } stages in order: { $stages }.
# Between a stage's name and what it does.
teach-anatomy-explained-separator = {": "}
teach-anatomy-caption = Stages in the order the file computes them, each with its operators, the numbers it stores and the shape it outputs (N is the number of rows scored at once).
teach-anatomy-every-operator = Every operator ({ $count })
teach-anatomy-col-operator = Operator
teach-anatomy-col-output = Output
teach-anatomy-col-shape = Shape
teach-anatomy-col-weights = Weights it reads

## Scorecard (src/web/teach/scorecard_view.rs)

teach-scorecard-title = Scorecard: bins, evidence and points
teach-scorecard-what = a points scorecard. Every attribute is cut into bins; each bin's weight of evidence (WOE) is the log of how much more common bad borrowers are in it than good ones (positive: riskier than average). A bin's points are its WOE times the attribute's weight, scaled so that more points mean safer. The information value (IV) of an attribute adds up, over its bins, the difference between the share of bad and of good borrowers times the WOE: how well the attribute alone separates bad from good. The applicant's bin in each attribute is marked, and their points add up to the score.
teach-scorecard-no-sample = this model has no labelled sample to count its bins on, so the information value cannot be computed
# $path: the sample's file name.
teach-scorecard-sample-changed = { $path }: the file is not the one the catalog lists
teach-scorecard-counting = Counting the bins on the bundled sample…
# $error: why the counts are missing.
teach-scorecard-failed = Information values need each bin's bad and good counts: { $error }.
# $gap: a number in scientific notation ("2.2e-16").
teach-scorecard-verified = The WOE recomputed from these counts equals the model's in every bin (largest difference { $gap }): they are the rows the bins were fitted on.
teach-scorecard-differs = The WOE recomputed from these counts differs from the model's by up to { $gap }: the sample is not the data the bins were fitted on, so these IVs describe the sample.
# $verified: one of the two messages above.
teach-scorecard-counts = Counts from the bundled labelled sample: { $rows } applicants, { $bad } bad and { $good } good. { $verified } Attributes are listed strongest first; open one to see its bins.
teach-scorecard-placeholder = Fill in a valid applicant to see their points add up.
# The conventional reading of an information value (Siddiqi).
teach-iv-none = not predictive
teach-iv-weak = weak
teach-iv-medium = medium
teach-iv-strong = strong
teach-iv-very-strong = very strong
teach-scorecard-iv = IV { $iv }
# $attribute: the attribute's label.
teach-scorecard-caption = { $attribute }: bins, counts in the sample, weight of evidence and points
teach-scorecard-col-bin = Bin
teach-scorecard-col-bad = Bad
teach-scorecard-col-good = Good
teach-scorecard-col-woe = WOE
teach-scorecard-col-iv = IV part
teach-scorecard-col-points = Points
teach-scorecard-this-applicant = {" "}(this applicant)
# The applicant's sum, in four parts around two bold figures: "…= **512.3 points**. Points turn… = **12.3 %**, the score…".
teach-scorecard-sum-start = This applicant: base { $base } + the attributes' points { $attributes } ={" "}
teach-scorecard-sum-points = { $total } points
# $points0 points at odds of 1 bad to $odds good; $pdo points double the odds; $offset, $factor: the scaling's constants.
teach-scorecard-sum-scaling = {"."} Points turn into a probability by the scorecard's scaling ({ $points0 } points at odds of 1 bad to { $odds } good, { $pdo } points to double the odds): P(bad) = 1 / (1 + exp((points − { $offset }) / { $factor })) ={" "}
teach-scorecard-sum-end = , the score shown in the assessment (its points table lists the same bins).

## The LSTM, month by month (src/web/teach/history_view.rs)

teach-lstm-title = The LSTM, month by month
# $months: how many months the LSTM reads.
teach-lstm-what = how the six months of history move this client's risk. The LSTM always reads { $months } months, so a month it has not yet seen must be written somehow: here it is a month without card activity (repayment status "No consumption", bill 0, payment 0), which is how the data set itself records a quiet month. At 0 the model knows only the static attributes (limit, sex, education, marriage, age); each point to the right adds the next real month, oldest first, and the last point, with all { $months } months, is exactly the score shown in the assessment. A rise means that month made the client look riskier than a quiet month would have.
teach-lstm-placeholder = Fill in a valid client to see their risk month by month.
teach-lstm-chart-title = Probability of default after each month of history
teach-lstm-chart-x = months of history seen, oldest first
teach-lstm-chart-y = P(default) %
teach-lstm-caption = P(default) after each month, and the change that month made
teach-lstm-col-seen = History seen
teach-lstm-col-probability = P(default)
teach-lstm-col-change = Change
teach-lstm-seen-none = none (static attributes only)
# $month: the last month seen ("September 2005").
teach-lstm-seen-to = to { $month }
# $change: a signed number of percentage points ("+1.2").
teach-lstm-change = { $change } points

## The autoencoder's errors (src/web/teach/reconstruction_view.rs)

teach-autoencoder-title = The autoencoder's errors
teach-autoencoder-what = why the autoencoder finds this transaction unusual. For each input the bar is its reconstruction error divided by the typical (median) error of that input over 200 legitimate transactions the model was trained on: 1 means as well rebuilt as usual, 50 means fifty times worse. The inputs the model could not rebuild, compared with what is normal for them, come first; the anomaly score is the mean of all the errors.
teach-autoencoder-placeholder = Fill in a valid transaction to see its errors.
# The chart's text alternative; $bars: the inputs and their ratios.
teach-autoencoder-chart-label = Bar chart of reconstruction error over typical error, largest first: { $bars }.
# One bar in the text alternative: $input: the input's label; $ratio: "52.3".
teach-autoencoder-chart-bar = { $input } { $ratio } times
# The axis mark at ratio 1.
teach-autoencoder-typical-mark = typical
teach-autoencoder-bar-title = { $input }: error { $error }, typical { $typical }
teach-autoencoder-ratio = × { $ratio }
teach-autoencoder-caption = Reconstruction error ÷ typical error on legitimate transactions, the { $count } largest (the line marks 1, the typical error)
teach-autoencoder-all = All { $count } inputs
teach-autoencoder-col-input = Input
teach-autoencoder-col-error = Error
teach-autoencoder-col-typical = Typical
teach-autoencoder-col-ratio = Ratio

## Compare the models (src/web/teach/compare_view.rs)

teach-compare-title = Compare the models
teach-compare-what = the same applicant scored by every model of the catalog that reads the same attributes, trained on the same data in different ways, beside each model's held-out figures from its model card: AUC (how well it ranks bad above good, 0.5 is chance, 1 perfect), average precision (the same for the rare positive class), KS (the largest gap between the score distributions of bad and good) and the Brier score (the mean squared error of its probabilities, lower is better). Models that rank about as well can still disagree on one person: that is worth knowing before trusting any one of them. An autoencoder's anomaly score is not a probability, so compare its decision, not its number.
teach-compare-placeholder = Fill in a valid applicant to score them with every model.
teach-compare-loading = Loading the other models…
teach-compare-failed = The other models could not be loaded: { $error }
teach-compare-none = No other catalog model reads these attributes.
teach-compare-caption = This applicant under each model, with held-out metrics
teach-compare-col-model = Model
teach-compare-col-score = Score
teach-compare-col-decision = Decision
teach-compare-col-auc = AUC
teach-compare-col-average-precision = Avg. precision
teach-compare-col-ks = KS
teach-compare-col-brier = Brier
teach-compare-on-screen = {" "}(on screen)
# $score: an anomaly score ("3.21").
teach-compare-anomaly = { $score } (anomaly score)
