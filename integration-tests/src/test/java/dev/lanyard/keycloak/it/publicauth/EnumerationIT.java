package dev.lanyard.keycloak.it.publicauth;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.function.Supplier;

import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.PASSWORD;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.credentials;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.registration;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether an account exists shows neither in the answer nor in its cost: every branch spends one password hash.
 * The cost is compared as a ratio of medians against a branch that surely hashes, so a slow machine changes
 * nothing; a branch that skips the hash is an order of magnitude cheaper.
 */
@ExtendWith(LanyardExtension.class)
class EnumerationIT {

    private static final int TRIES = 5;

    @Test
    void loginOfAUserWithoutAPasswordCostsAndAnswersAsAnUnknownUser(Lanyard lanyard) {
        String realm = lanyard.newRealm("enum-login", "");
        String socialOnly = uniqueEmail();
        lanyard.admin().createUser(realm, socialOnly, socialOnly);

        Reply unknown = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"), credentials(uniqueEmail(), PASSWORD));
        Reply passwordless = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"), credentials(socialOnly, PASSWORD));
        assertEquals(401, passwordless.status(), passwordless.toString());
        assertEquals(unknown.body(), passwordless.body());

        double unknownCost = medianMillis(() -> lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"),
                credentials(uniqueEmail(), PASSWORD)));
        double passwordlessCost = medianMillis(() -> lanyard.browser().postJson(lanyard.realm(realm, "/api/public/login"),
                credentials(socialOnly, PASSWORD)));
        assertTrue(passwordlessCost >= 0.3 * unknownCost,
                "a user without a password costs a hash too: " + passwordlessCost + " ms vs " + unknownCost + " ms");
    }

    @Test
    void registeringAnExistingEmailCostsAndAnswersAsANewOne(Lanyard lanyard) {
        String realm = lanyard.newRealm("enum-reg", ", \"verifyEmail\": true, \"attributes\": {\"lanyard.register.maxPerIp\": \"100\"}");
        String existing = uniqueEmail();
        lanyard.admin().createUser(realm, existing, existing);

        Reply fresh = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"), registration(uniqueEmail(), PASSWORD, "New User"));
        Reply taken = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"), registration(existing, PASSWORD, "New User"));
        assertEquals(fresh.status(), taken.status(), taken.toString());
        assertEquals(fresh.body(), taken.body());

        double newCost = medianMillis(() -> lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"),
                registration(uniqueEmail(), PASSWORD, "New User")));
        String[] again = {existing};
        double existingCost = medianMillis(() -> {
            // A fresh existing account each time, so the per-email limit never answers instead.
            again[0] = uniqueEmail();
            lanyard.admin().createUser(realm, again[0], again[0]);
            long start = System.nanoTime();
            Reply reply = lanyard.browser().postJson(lanyard.realm(realm, "/api/public/register"), registration(again[0], PASSWORD, "New User"));
            return new Timed(reply, (System.nanoTime() - start) / 1e6);
        });
        assertTrue(existingCost >= 0.3 * newCost,
                "an existing email costs a hash too: " + existingCost + " ms vs " + newCost + " ms");
    }

    private record Timed(Reply reply, double millis) {
    }

    private static double medianMillis(Supplier<?> call) {
        double[] times = new double[TRIES];
        for (int i = 0; i < TRIES; i++) {
            long start = System.nanoTime();
            Object result = call.get();
            times[i] = result instanceof Timed timed ? timed.millis() : (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[TRIES / 2];
    }
}
