package io.ticketbridge.runtime;

import io.ticketbridge.config.Settings;

import java.nio.file.Path;

import io.ticketbridge.security.ApiKeys;
import io.ticketbridge.security.MasterKeys;
import io.ticketbridge.security.SecretMasker;
import io.ticketbridge.store.Hub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API key: TICKETBRIDGE_ADMIN_KEY when set; otherwise (laptop profile only) one generated
 * on first run, said once in the log and kept in data/admin.key. Only its hash stays in memory.
 */
public final class AdminKey {

    private static final Logger LOG = LoggerFactory.getLogger(AdminKey.class);
    private static final String HASH_SETTING = "admin_key_hash";

    private AdminKey() {
    }

    public static String resolveHash(Settings settings, Hub hub, Path dataDir) {
        var configured = settings.find("ticketbridge.admin-key");
        if (configured.isPresent()) {
            if (configured.get().length() < 16) {
                throw new StartupRefusedException("TICKETBRIDGE_ADMIN_KEY must be at least 16 characters");
            }
            SecretMasker.registerProcessSecret(configured.get());
            return ApiKeys.hash(configured.get());
        }
        var stored = hub.jdbi.withHandle(h -> hub.spaces.setting(h, HASH_SETTING));
        if (stored.isPresent()) {
            LOG.info("Using the admin API key generated on first run (in {}); set TICKETBRIDGE_ADMIN_KEY to choose one",
                    dataDir.resolve("admin.key"));
            return stored.get();
        }
        String key = ApiKeys.generate().plaintext();
        String hash = ApiKeys.hash(key);
        hub.jdbi.useTransaction(h -> hub.spaces.putSetting(h, HASH_SETTING, hash));
        MasterKeys.writeOwnerOnly(dataDir.resolve("admin.key"), key);
        LOG.warn("Generated the admin API key (shown once, also saved owner-only in {}): {}",
                dataDir.resolve("admin.key"), key);
        SecretMasker.registerProcessSecret(key);
        return hash;
    }
}
