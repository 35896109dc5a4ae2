package io.promptsuite.auth.oauth;

import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.GrantTypes;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.device.DeviceFlowService;
import io.promptsuite.auth.token.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** RFC 8628 §3.4: the device polls with its device code until a person approved or denied it. */
@ApplicationScoped
public class DeviceCodeGrant implements GrantHandler {

    @Inject
    ClientRegistry clients;

    @Inject
    DeviceFlowService devices;

    @Override
    public String grantType() {
        return GrantTypes.DEVICE_CODE;
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        OAuthClient client = clients.authenticate(request.authorization(), request.form())
                .orElseThrow(() -> OAuthException.invalidClient("client_id is required"));
        if (!client.allows(GrantTypes.DEVICE_CODE)) {
            throw new OAuthException(400, "unauthorized_client", "This client may not use the device flow");
        }
        return devices.poll(client, request.param("device_code"));
    }
}
