package io.promptsuite.testing.openapi;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.filter.Filter;

/**
 * Checks real requests and responses against the OpenAPI document the service publishes at {@code /q/openapi}, so the
 * document can't drift from the wire: an undocumented status, a property the schema doesn't have, a missing required
 * one, or a wrong type fails the test that made the call.
 */
public final class PublishedContract {

    private static final ConcurrentHashMap<String, Filter> FILTERS = new ConcurrentHashMap<>();

    private PublishedContract() {
    }

    /** The service a {@code @QuarkusTest} runs: REST Assured's defaults point at it. */
    public static Filter ofServiceUnderTest() {
        return of(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port);
    }

    /** A REST Assured filter validating every exchange against the document served at {@code baseUri}. */
    public static Filter of(String baseUri) {
        return FILTERS.computeIfAbsent(baseUri, PublishedContract::load);
    }

    private static Filter load(String baseUri) {
        String document = given().baseUri(baseUri).accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        // Requests are the tests' to shape: hostile ones are sent on purpose. The responses are what
                        // the document promises.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        // The validator reads a header's value as JSON unless the schema's type is "string", which it
                        // can't see in a 3.1 document (types are a list there): every string header would fail.
                        .withLevel("validation.response.header.schema.invalidJson", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new OpenApiValidationFilter(validator);
    }
}
