package io.promptsuite.stats.export;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Writes export rows in one format; rows arrive one at a time and nothing is kept. */
interface RowWriter {

    void header() throws IOException;

    void row(ExportRow r) throws IOException;

    void finish() throws IOException;

    static RowWriter of(ExportFormat format, Writer out) throws IOException {
        return format == ExportFormat.CSV ? new Csv(out) : new NdJson(out);
    }

    /** RFC 4180: a header line, CRLF line ends, cells from {@link CsvCells}. */
    final class Csv implements RowWriter {
        private final Writer out;

        Csv(Writer out) {
            this.out = out;
        }

        @Override
        public void header() throws IOException {
            out.write(String.join(",", ExportRow.COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void row(ExportRow r) throws IOException {
            out.write(r.startedAt().toString());
            cell(r.eventId().toString());
            cell(r.tenantId().toString());
            cell(CsvCells.text(r.prompt()));
            cell(Integer.toString(r.version()));
            cell(CsvCells.text(r.label()));
            cell(CsvCells.text(r.model()));
            cell(CsvCells.text(r.provider()));
            cell(r.status());
            cell(CsvCells.text(r.errorCode()));
            cell(Integer.toString(r.latencyMs()));
            cell(r.timeToFirstTokenMs() == null ? "" : r.timeToFirstTokenMs().toString());
            cell(Long.toString(r.inputTokens()));
            cell(Long.toString(r.cachedInputTokens()));
            cell(Long.toString(r.cacheWriteTokens()));
            cell(Long.toString(r.outputTokens()));
            cell(Long.toString(r.reasoningTokens()));
            cell(r.costText());
            cell(CsvCells.text(r.userId()));
            cell(CsvCells.text(r.metadata()));
            out.write("\r\n");
        }

        private void cell(String value) throws IOException {
            out.write(',');
            out.write(value);
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }

    /** One JSON object per line, the batch API's field names; metadata as the JSON object it is. */
    final class NdJson implements RowWriter {
        private static final JsonFactory FACTORY = new JsonFactory();
        private final Writer out;
        private final JsonGenerator json;

        NdJson(Writer out) throws IOException {
            this.out = out;
            this.json = FACTORY.createGenerator(out).configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setRootValueSeparator(null);
        }

        @Override
        public void header() {
        }

        @Override
        public void row(ExportRow r) throws IOException {
            json.writeStartObject();
            json.writeStringField("started_at", r.startedAt().toString());
            json.writeStringField("event_id", r.eventId().toString());
            json.writeStringField("tenant_id", r.tenantId().toString());
            json.writeStringField("prompt", r.prompt());
            json.writeNumberField("version", r.version());
            json.writeStringField("label", r.label());
            json.writeStringField("model", r.model());
            json.writeStringField("provider", r.provider());
            json.writeStringField("status", r.status());
            json.writeStringField("error_code", r.errorCode());
            json.writeNumberField("latency_ms", r.latencyMs());
            json.writeFieldName("time_to_first_token_ms");
            if (r.timeToFirstTokenMs() == null) {
                json.writeNull();
            } else {
                json.writeNumber(r.timeToFirstTokenMs());
            }
            json.writeNumberField("input_tokens", r.inputTokens());
            json.writeNumberField("cached_input_tokens", r.cachedInputTokens());
            json.writeNumberField("cache_write_tokens", r.cacheWriteTokens());
            json.writeNumberField("output_tokens", r.outputTokens());
            json.writeNumberField("reasoning_tokens", r.reasoningTokens());
            json.writeFieldName("cost");
            json.writeNumber(r.costText());
            json.writeStringField("user_id", r.userId());
            json.writeFieldName("metadata");
            if (r.metadata() == null) {
                json.writeNull();
            } else {
                // From a jsonb column: PostgreSQL already checked it is one JSON value.
                json.writeRawValue(r.metadata());
            }
            json.writeEndObject();
            json.flush();
            out.write('\n');
        }

        @Override
        public void finish() throws IOException {
            json.flush();
            out.flush();
        }
    }
}
