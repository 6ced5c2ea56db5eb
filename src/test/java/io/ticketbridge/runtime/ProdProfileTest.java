package io.ticketbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import io.ticketbridge.testing.TestRuntime;
import org.junit.jupiter.api.Test;

/** The prod profile refuses to start without its secrets, naming every missing one on one line. */
class ProdProfileTest {

    static StartupRefusedException refusal(Map<String, String> overrides) {
        Throwable t = catchThrowable(() -> TestRuntime.start(overrides).close());
        assertThat(t).as("start-up must fail").isNotNull();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StartupRefusedException s) {
                return s;
            }
        }
        throw new AssertionError("no StartupRefusedException in the causes of " + t, t);
    }

    @Test
    void withoutAdminAndMasterKeyItRefusesNamingBoth() {
        StartupRefusedException e = refusal(Map.of("ticketbridge.profile", "prod",
                "ticketbridge.admin-key", "", "ticketbridge.master-key", ""));
        assertThat(e.getMessage()).contains("TICKETBRIDGE_ADMIN_KEY").contains("TICKETBRIDGE_MASTER_KEY")
                .doesNotContain("\n").contains("prod");
    }

    @Test
    void oneMissingSecretIsNamedAlone() {
        StartupRefusedException e = refusal(Map.of("ticketbridge.profile", "prod", "ticketbridge.master-key", ""));
        assertThat(e.getMessage()).contains("TICKETBRIDGE_MASTER_KEY").doesNotContain("TICKETBRIDGE_ADMIN_KEY");
    }

    @Test
    void sandboxPartsAreRefusedInProd() {
        StartupRefusedException e = refusal(Map.of("ticketbridge.profile", "prod",
                "ticketbridge.sandbox.enabled", "true"));
        assertThat(e.getMessage()).containsIgnoringCase("sandbox");
    }

    @Test
    void withBothSecretsProdStarts() {
        try (TestRuntime rt = TestRuntime.start(Map.of("ticketbridge.profile", "prod"))) {
            assertThat(rt.admin().get("/api/ping").status()).isEqualTo(200);
        }
    }

    @Test
    void outsideProdMissingSecretsAreGeneratedOwnerOnly() throws Exception {
        try (TestRuntime rt = TestRuntime.start(Map.of("ticketbridge.admin-key", "", "ticketbridge.master-key", ""))) {
            var adminKey = rt.dataDir().resolve("admin.key");
            var masterKey = rt.dataDir().resolve("master.key");
            assertThat(adminKey).exists();
            assertThat(masterKey).exists();
            assertThat(java.nio.file.Files.getPosixFilePermissions(masterKey))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(adminKey))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            String generated = java.nio.file.Files.readString(adminKey).trim();
            assertThat(rt.client(generated).get("/api/ping").status()).isEqualTo(200);
        }
    }
}
