package io.promptsuite.stats.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class PriceDtos {

    private PriceDtos() {
    }

    /** An entry as sent: prices in USD per million tokens. */
    public record PriceBody(
            @Schema(description = "`tenant` (default) or, for a platform admin, `default`: the shipped book every tenant falls back to",
                    nullable = true) String scope,
            @Schema(description = "Model-name glob: `*` stands for any characters; case-insensitive", examples = "gpt-4o-mini*") String modelPattern,
            @Schema(nullable = true, description = "Only events of this provider; absent: any") String provider,
            @Schema(description = "RFC 3339 with an offset; the entry prices events started at or after it") OffsetDateTime effectiveFrom,
            BigDecimal inputPerMtok,
            @Schema(nullable = true, description = "Absent: the input price") BigDecimal cachedInputPerMtok,
            @Schema(nullable = true, description = "Absent: the input price") BigDecimal cacheWritePerMtok,
            BigDecimal outputPerMtok,
            @Schema(nullable = true, description = "Absent: the output price") BigDecimal reasoningPerMtok,
            @Schema(nullable = true, description = "At most 20; the highest threshold the event's input tokens exceed applies")
            List<PriceTier> tiers) {
    }

    public record PriceView(String id,
            @Schema(description = "`tenant`: the tenant's own entry; `default`: the shipped book's", enumeration = { "tenant", "default" })
            String source, String modelPattern, @Schema(nullable = true) String provider, Instant effectiveFrom,
            BigDecimal inputPerMtok, @Schema(nullable = true) BigDecimal cachedInputPerMtok,
            @Schema(nullable = true) BigDecimal cacheWritePerMtok, BigDecimal outputPerMtok,
            @Schema(nullable = true) BigDecimal reasoningPerMtok, List<PriceTier> tiers, Instant createdAt, Instant updatedAt) {

        public static PriceView of(PriceEntry e) {
            return new PriceView(e.id().toString(), e.isDefault() ? "default" : "tenant", e.modelPattern(), e.provider(),
                    e.effectiveFrom(), PriceRepository.plain(e.inputPerMtok()), PriceRepository.plain(e.cachedInputPerMtok()),
                    PriceRepository.plain(e.cacheWritePerMtok()), PriceRepository.plain(e.outputPerMtok()),
                    PriceRepository.plain(e.reasoningPerMtok()),
                    e.tiers().stream().map(t -> new PriceTier(t.aboveInputTokens(), PriceRepository.plain(t.inputPerMtok()),
                            PriceRepository.plain(t.cachedInputPerMtok()), PriceRepository.plain(t.cacheWritePerMtok()),
                            PriceRepository.plain(t.outputPerMtok()), PriceRepository.plain(t.reasoningPerMtok()))).toList(),
                    e.createdAt(), e.updatedAt());
        }
    }
}
