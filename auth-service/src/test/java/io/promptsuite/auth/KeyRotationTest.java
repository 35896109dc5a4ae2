package io.promptsuite.auth;

import static io.promptsuite.auth.AuthApi.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.promptsuite.testing.auth.Accounts.TenantAdmin;
import io.quarkus.test.junit.QuarkusTest;

/** In tests a new key signs at once (publish-ahead 0); in production it waits one verifier cache period. */
@QuarkusTest
class KeyRotationTest {

    @Test
    void rotationKeepsOldTokensValidUntilTheyExpire() throws Exception {
        String platform = bootstrapAdminToken();
        String oldKid = SignedJWT.parse(platform).getHeader().getKeyID();

        String newKid = bearer(platform).post("/api/v1/signing-keys/rotate").then().statusCode(200)
                .body("signing", equalTo(true)).extract().path("kid");
        assertNotEquals(oldKid, newKid);

        List<String> published = json().get("/.well-known/jwks.json").then().statusCode(200).extract().path("keys.kid");
        assertTrue(published.containsAll(List.of(oldKid, newKid)), "both keys are published: " + published);

        String fresh = bootstrapAdminToken();
        assertEquals(newKid, SignedJWT.parse(fresh).getHeader().getKeyID());
        bearer(platform).get("/api/v1/auth/me").then().statusCode(200);
        bearer(fresh).get("/api/v1/auth/me").then().statusCode(200);

        bearer(fresh).get("/api/v1/signing-keys").then().statusCode(200)
                .body("find { it.kid == '" + oldKid + "' }.retired_at", notNullValue())
                .body("find { it.kid == '" + newKid + "' }.signing", equalTo(true));
    }

    @Test
    void onlyPlatformAdminsRotate() {
        TenantAdmin t = newTenant();
        bearer(t.token()).post("/api/v1/signing-keys/rotate").then().statusCode(403);
        json().post("/api/v1/signing-keys/rotate").then().statusCode(401);
    }
}
