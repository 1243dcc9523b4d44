# Reference estimates with R's `survey` package for papi-index (issue 4, item 10).
#
# Usage: Rscript compare.R DATA.csv OUT.json SCORES.csv POPULATION.csv CALIBRATION [--no-villages]
#        [--no-svymean]
#
#   DATA.csv        one row per respondent: village, w (base weight), cell, sex, age,
#                   x1 … xJ (indicator rescaled to 1–10; NA = missing answer or not eligible)
#   SCORES.csv      score, indicator, coef: every score (sub-dimension, dimension, total) as a
#                   linear combination of indicator means (papi-method.md §1.3)
#   POPULATION.csv  cell, sex, age, population (the commune's sex × age-band cells)
#   CALIBRATION     none | poststratify | rake
#   --no-villages   skip the village (domain) estimates
#   --no-svymean    skip the svymean cross-check of the indicators (bench/index.sh times only
#                   the estimates papi-index makes)
#
# An indicator mean is a ratio estimator R_j = Σ w y_j e_j / Σ w e_j over eligible, non-missing
# respondents (e_j = 1 where x_j is not NA). Every score is S = Σ_j a_j R_j, a smooth function of
# the 2J totals (Σ w y_j e_j, Σ w e_j); `svytotal` gives their joint design covariance and
# `svycontrast` with nonlinear expressions applies the delta method, which is exactly Taylor
# linearisation. Indicators are also estimated by `svymean(~xj, na.rm = TRUE)` as a cross-check.
#
# Designs (with replacement at the first stage, as papi-index: no fpc):
#   strata   svydesign(ids = ~1, strata = ~village, weights = ~w)  villages = strata
#   clusters svydesign(ids = ~village, weights = ~w)                villages = PSUs
# Calibration: postStratify(~cell) to the cell totals, or calibrate(~sex + age,
# calfun = "raking") to the sex and age-band margins (the g-weighted GREG residuals of
# Deville & Särndal; `rake()` would use a cruder iterative approximation of the residuals).
#
# Villages are R's own domain estimates of the same calibrated designs: the estimates of
# `subset(des, village == v)` (what `svyby(…, ~village, des)` gives), where the units outside
# the village keep their place in the design and in the calibration with weight 0.
#
# Writes JSON: {"survey_version", "calibration", "seconds", "cases": {"strata"|"clusters":
# {"scores": {name: [est, se]}, "svymean": {xj: [est, se]}}}, "villages": {village: {name: [est,
# se]}} (strata design), "villages_clusters": {…} (cluster design)}; "seconds" is the time of
# the estimates (after reading the CSV files).

suppressPackageStartupMessages(library(survey))
# No stratum of the commune designs has a single PSU; the village domains keep every PSU.
options(survey.lonely.psu = "certainty")

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 5) {
  stop("usage: Rscript compare.R DATA.csv OUT.json SCORES.csv POPULATION.csv none|poststratify|rake [--no-villages] [--no-svymean]")
}
data_file <- args[1]
out_file <- args[2]
scores_file <- args[3]
pop_file <- args[4]
calibration <- args[5]
want_villages <- !("--no-villages" %in% args)
want_svymean <- !("--no-svymean" %in% args)
stopifnot(calibration %in% c("none", "poststratify", "rake"))

d <- read.csv(data_file, stringsAsFactors = FALSE)
spec <- read.csv(scores_file, stringsAsFactors = FALSE)
pop <- read.csv(pop_file, stringsAsFactors = FALSE)
xs <- grep("^x[0-9]+$", names(d), value = TRUE)
d$cell <- factor(d$cell, levels = pop$cell)
d$sex <- factor(d$sex, levels = sort(unique(pop$sex)))
d$age <- factor(d$age, levels = sort(unique(pop$age)))
d$village <- factor(d$village)

started <- proc.time()[["elapsed"]]

# numerators (y e, 0 where NA) and denominators (e) of every indicator
for (x in xs) {
  e <- !is.na(d[[x]])
  d[[paste0("n_", x)]] <- ifelse(e, d[[x]], 0)
  d[[paste0("d_", x)]] <- as.numeric(e)
}
totals_formula <- as.formula(paste("~", paste(c(paste0("n_", xs), paste0("d_", xs)), collapse = " + ")))

ratio <- function(x) sprintf("(n_%s/d_%s)", x, x)
# the expressions: one per indicator, then every score of SCORES.csv
expressions <- list()
for (x in xs) expressions[[x]] <- parse(text = ratio(x))[[1]]
for (s in unique(spec$score)) {
  rows <- spec[spec$score == s, ]
  text <- paste(sprintf("%.17g * %s", rows$coef, ratio(rows$indicator)), collapse = " + ")
  expressions[[s]] <- parse(text = text)[[1]]
}

calibrated <- function(des) {
  if (calibration == "poststratify") {
    postStratify(des, ~cell, data.frame(cell = factor(pop$cell, levels = pop$cell), Freq = pop$population))
  } else if (calibration == "rake") {
    mm <- model.matrix(~ sex + age, data.frame(
      sex = factor(pop$sex, levels = levels(d$sex)),
      age = factor(pop$age, levels = levels(d$age))
    ))
    totals <- colSums(mm * pop$population)
    calibrate(des, ~ sex + age, population = totals, calfun = "raking", epsilon = 1e-13, maxit = 1000)
  } else {
    des
  }
}

estimates <- function(des) {
  est <- svycontrast(svytotal(totals_formula, des), expressions)
  # a variance that is 0 up to rounding (a village of the cluster design without calibration)
  # can come out as -1e-20: its SE is 0, not NaN
  cbind(coef(est), sqrt(pmax(diag(as.matrix(vcov(est))), 0)))
}

designs <- list(
  strata = svydesign(ids = ~1, strata = ~village, weights = ~w, data = d),
  clusters = svydesign(ids = ~village, weights = ~w, data = d)
)
results <- list()
for (name in names(designs)) {
  des <- calibrated(designs[[name]])
  scores <- estimates(des)
  means <- matrix(numeric(0), 0, 2)
  if (want_svymean) {
    means <- t(sapply(xs, function(x) {
      m <- svymean(as.formula(paste0("~", x)), des, na.rm = TRUE)
      c(coef(m), SE(m))
    }))
  }
  results[[name]] <- list(scores = scores, svymean = means)
}
# Villages: R's domain estimates of each calibrated design.
villages <- list(strata = list(), clusters = list())
if (want_villages) {
  for (name in names(designs)) {
    des <- calibrated(designs[[name]])
    # drop = FALSE keeps every stratum and PSU in the design with weight 0 outside the village
    # (what `subset` does by itself for a calibrated design): without calibration the cluster
    # design then has all its PSUs, and the village's SE is 0, not undefined
    for (v in levels(d$village)) villages[[name]][[v]] <- estimates(des[d$village == v, , drop = FALSE])
  }
}
seconds <- proc.time()[["elapsed"]] - started

num <- function(x) if (is.finite(x)) sprintf("%.17g", x) else "null"
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
pairs <- function(m) {
  if (nrow(m) == 0) return("{}")
  paste0("{", paste(sprintf("%s: [%s, %s]", sapply(rownames(m), str),
    sapply(m[, 1], num), sapply(m[, 2], num)), collapse = ", "), "}")
}
obj <- function(keys, values) paste0("{", paste(sprintf("%s: %s", sapply(keys, str), values), collapse = ", "), "}")
cases <- sapply(names(results), function(name) {
  r <- results[[name]]
  obj(c("scores", "svymean"), c(pairs(r$scores), pairs(r$svymean)))
})
domains <- function(l) if (length(l)) obj(names(l), sapply(l, pairs)) else "{}"
json <- obj(c("survey_version", "calibration", "seconds", "cases", "villages", "villages_clusters"),
  c(str(as.character(packageVersion("survey"))), str(calibration), num(seconds), obj(names(results), cases),
    domains(villages$strata), domains(villages$clusters)))
writeLines(json, out_file)
cat(sprintf("R survey %s: estimates in %.3f s; total %.4f (SE strata %.4f, clusters %.4f)\n",
  packageVersion("survey"), seconds, results$strata$scores["total", 1],
  results$strata$scores["total", 2], results$clusters$scores["total", 2]))
