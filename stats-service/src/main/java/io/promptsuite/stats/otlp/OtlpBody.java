package io.promptsuite.stats.otlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.promptsuite.common.error.ApiException;

/**
 * The request body as the client meant it: gunzipped when it says {@code Content-Encoding: gzip}, and never more than
 * the service's body limit once inflated, so a small compressed body can't expand into all of the heap.
 */
final class OtlpBody {

    private OtlpBody() {
    }

    static byte[] decode(byte[] raw, String contentEncoding, long limit) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return raw == null ? new byte[0] : raw;
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new ApiException(415, "UNSUPPORTED_CONTENT_ENCODING",
                    "Content-Encoding '" + contentEncoding.trim() + "' is not supported: send gzip or none");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw == null ? new byte[0] : raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                if (out.size() + (long) n > limit) {
                    throw new ApiException(413, "PAYLOAD_TOO_LARGE", "The inflated request body is larger than " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("MALFORMED_OTLP", "The body is not valid gzip");
        }
    }
}
