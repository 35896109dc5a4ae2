package io.promptsuite.stats.export;

import java.util.Locale;

import io.promptsuite.common.error.ApiException;

/** The shapes an export comes in. */
public enum ExportFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    NDJSON("application/x-ndjson", "ndjson");

    final String mediaType;
    final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    static ExportFormat parse(String format) {
        if (format == null || format.isBlank()) {
            return CSV;
        }
        try {
            return valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("format", "must be csv or ndjson");
        }
    }
}
