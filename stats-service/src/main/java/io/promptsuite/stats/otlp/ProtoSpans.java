package io.promptsuite.stats.otlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** OTLP/protobuf ({@code ExportTraceServiceRequest}) into the neutral span shape. */
public final class ProtoSpans {

    private ProtoSpans() {
    }

    /** @throws InvalidProtocolBufferException when the bytes are not an ExportTraceServiceRequest */
    public static List<OtlpResourceSpans> parse(byte[] body) throws InvalidProtocolBufferException {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        List<OtlpResourceSpans> out = new ArrayList<>(request.getResourceSpansCount());
        for (ResourceSpans rs : request.getResourceSpansList()) {
            List<OtlpSpan> spans = new ArrayList<>();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new OtlpSpan(s.getTraceId().toByteArray(), s.getSpanId().toByteArray(), s.getName(),
                            s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
                            s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                            attributes(s.getAttributesList())));
                }
            }
            Resource resource = rs.getResource();
            out.add(new OtlpResourceSpans(attributes(resource.getAttributesList()), spans));
        }
        return out;
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> map = new HashMap<>();
        for (KeyValue kv : list) {
            Object value = scalar(kv.getValue());
            if (value != null) {
                map.put(kv.getKey(), value);
            }
        }
        return map;
    }

    private static Object scalar(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            default -> null;
        };
    }
}
