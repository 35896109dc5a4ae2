package io.promptsuite.stats.price;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;

/** What a price entry must be; every bad field is named at once. */
final class PriceRules {

    static final int MAX_TIERS = 20;
    static final int MAX_PROVIDER = 100;
    /** Far above any real price, and small enough that no event's cost can overflow numeric(24,12). */
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(10_000);
    static final int PRICE_DECIMALS = 6;
    static final long MAX_THRESHOLD = 1_000_000_000_000L;

    private PriceRules() {
    }

    static void check(PriceDtos.PriceBody body) {
        if (body == null) {
            throw ApiException.badRequest("MALFORMED_BODY", "The request needs a price entry as its body");
        }
        List<FieldError> problems = new ArrayList<>();
        if (body.modelPattern() == null) {
            problems.add(new FieldError("model_pattern", "is required"));
        } else if (!ModelPattern.ALLOWED.matcher(body.modelPattern()).matches()) {
            problems.add(new FieldError("model_pattern", "1 to 200 of letters, digits, . _ : / @ + - and * (any characters)"));
        }
        if (body.provider() != null && (body.provider().isBlank() || body.provider().length() > MAX_PROVIDER)) {
            problems.add(new FieldError("provider", "1 to " + MAX_PROVIDER + " characters, or absent for any provider"));
        }
        if (body.scope() != null && !body.scope().equals("tenant") && !body.scope().equals("default")) {
            problems.add(new FieldError("scope", "must be tenant or default"));
        }
        if (body.effectiveFrom() == null) {
            problems.add(new FieldError("effective_from", "is required (RFC 3339 with an offset)"));
        } else if (body.effectiveFrom().getYear() < 1970 || body.effectiveFrom().getYear() > 9999) {
            problems.add(new FieldError("effective_from", "must lie between 1970 and 9999"));
        }
        price("input_per_mtok", body.inputPerMtok(), true, problems);
        price("cached_input_per_mtok", body.cachedInputPerMtok(), false, problems);
        price("cache_write_per_mtok", body.cacheWritePerMtok(), false, problems);
        price("output_per_mtok", body.outputPerMtok(), true, problems);
        price("reasoning_per_mtok", body.reasoningPerMtok(), false, problems);
        List<PriceTier> tiers = body.tiers() == null ? List.of() : body.tiers();
        if (tiers.size() > MAX_TIERS) {
            problems.add(new FieldError("tiers", "at most " + MAX_TIERS));
        } else {
            Set<Long> thresholds = new HashSet<>();
            for (int i = 0; i < tiers.size(); i++) {
                tier("tiers[" + i + "]", tiers.get(i), thresholds, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", problems));
        }
    }

    private static void tier(String at, PriceTier tier, Set<Long> thresholds, List<FieldError> problems) {
        if (tier == null) {
            problems.add(new FieldError(at, "must be an object"));
            return;
        }
        if (tier.aboveInputTokens() == null) {
            problems.add(new FieldError(at + ".above_input_tokens", "is required"));
        } else if (tier.aboveInputTokens() < 0 || tier.aboveInputTokens() > MAX_THRESHOLD) {
            problems.add(new FieldError(at + ".above_input_tokens", "must be between 0 and " + MAX_THRESHOLD));
        } else if (!thresholds.add(tier.aboveInputTokens())) {
            problems.add(new FieldError(at + ".above_input_tokens", "another tier has this threshold"));
        }
        price(at + ".input_per_mtok", tier.inputPerMtok(), false, problems);
        price(at + ".cached_input_per_mtok", tier.cachedInputPerMtok(), false, problems);
        price(at + ".cache_write_per_mtok", tier.cacheWritePerMtok(), false, problems);
        price(at + ".output_per_mtok", tier.outputPerMtok(), false, problems);
        price(at + ".reasoning_per_mtok", tier.reasoningPerMtok(), false, problems);
    }

    private static void price(String field, BigDecimal value, boolean required, List<FieldError> problems) {
        if (value == null) {
            if (required) {
                problems.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (value.signum() < 0 || value.compareTo(MAX_PRICE) > 0) {
            problems.add(new FieldError(field, "must be between 0 and " + MAX_PRICE + " (USD per million tokens)"));
        } else if (value.stripTrailingZeros().scale() > PRICE_DECIMALS) {
            problems.add(new FieldError(field, "at most " + PRICE_DECIMALS + " decimals"));
        }
    }
}
