package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.page.PageParams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every list answers 200 or a 4xx in the envelope for any page/size, never a 500. */
@QuarkusTest
class PagingTest {

    private static final List<String> LISTS = List.of("/api/v1/users", "/api/v1/api-keys", "/api/v1/audit-events",
            "/api/v1/audit-events/platform", "/api/v1/tenants");

    @Test
    void hugePagesAreEmptyNotErrors() {
        String platform = bootstrapAdminToken();
        for (String list : LISTS) {
            for (int page : List.of(PageParams.MAX_PAGE, PageParams.MAX_PAGE - 1, 1_000_000)) {
                bearer(platform).queryParam("page", page).queryParam("size", 100).get(list).then()
                        .statusCode(200).body("items", empty()).body("page", equalTo(page));
            }
        }
    }

    @Test
    void outOfRangeAndMalformedValuesAre400s() {
        String platform = bootstrapAdminToken();
        for (String list : LISTS) {
            for (String[] bad : new String[][] { { "page", "-1" }, { "page", "-2147483648" }, { "page", "2147483647" },
                    { "page", String.valueOf(PageParams.MAX_PAGE + 1) }, { "size", "0" }, { "size", "2147483647" },
                    { "size", "-5" }, { "page", "9999999999999" }, { "size", "99999999999" }, { "page", "abc" },
                    { "size", "1e3" }, { "page", "" } }) {
                Response answer = bearer(platform).queryParam(bad[0], bad[1]).get(list);
                assertEquals(400, answer.statusCode(), list + "?" + bad[0] + "=" + bad[1] + " answered " + answer.statusCode());
                answer.then().body("code", equalTo("VALIDATION_FAILED")).body("details.fields[0].field", equalTo(bad[0]))
                        .body("request_id", notNullValue());
            }
        }
    }
}
