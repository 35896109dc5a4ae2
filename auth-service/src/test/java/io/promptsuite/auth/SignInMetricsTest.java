package io.promptsuite.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.quarkus.test.junit.QuarkusTest;

/** Sign-ins and lockouts are counted by outcome in /q/metrics, with Micrometer's names. */
@QuarkusTest
class SignInMetricsTest {

    private final Accounts accounts = Accounts.atServiceUnderTest();

    private static double metric(String name, String label) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*} ([0-9.eE+]+)$")
                .matcher(page);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void everyOutcomeIsCounted() {
        Accounts.TenantAdmin t = accounts.newTenant();
        String email = "counted@" + t.slug() + ".test";
        accounts.newUser(t.token(), email, "viewer");
        double succeeded = metric("auth_sign_ins_total", "outcome=\"succeeded\"");
        double wrong = metric("auth_sign_ins_total", "outcome=\"bad_credentials\"");
        double unknownTenant = metric("auth_sign_ins_total", "outcome=\"unknown_tenant\"");
        double locked = metric("auth_sign_ins_total", "outcome=\"locked\"");
        double accountLockouts = metric("auth_lockouts_total", "scope=\"account\"");

        accounts.login(t.slug(), email, Accounts.PASSWORD).then().statusCode(200);
        accounts.login("no-such-tenant-" + t.slug(), email, Accounts.PASSWORD).then().statusCode(401);
        for (int i = 0; i < 5; i++) {
            accounts.login(t.slug(), email, "Wrong-Passw0rd-" + i).then().statusCode(401);
        }
        accounts.login(t.slug(), email, Accounts.PASSWORD).then().statusCode(429);

        assertEquals(succeeded + 1, metric("auth_sign_ins_total", "outcome=\"succeeded\""));
        assertEquals(wrong + 5, metric("auth_sign_ins_total", "outcome=\"bad_credentials\""));
        assertEquals(unknownTenant + 1, metric("auth_sign_ins_total", "outcome=\"unknown_tenant\""));
        assertEquals(locked + 1, metric("auth_sign_ins_total", "outcome=\"locked\""));
        assertEquals(accountLockouts + 1, metric("auth_lockouts_total", "scope=\"account\""));
    }
}
