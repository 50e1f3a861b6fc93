package dev.lanyard.keycloak.it.publicauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.PASSWORD;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.credentials;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.registration;
import static dev.lanyard.keycloak.it.publicauth.PublicAuthIT.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration in a realm of its own with "verify email" on and a social identity provider. */
@ExtendWith(LanyardExtension.class)
class RegistrationIT {

    private static final Pattern ACTION_LINK = Pattern.compile("http://\\S+/login-actions/action-token\\?key=[A-Za-z0-9._-]+");

    private Lanyard lanyard;
    private String realm;

    @BeforeEach
    void createRealm(Lanyard lanyard) {
        this.lanyard = lanyard;
        this.realm = lanyard.newRealm("reg", """
                , "verifyEmail": true,
                 "identityProviders": [{"alias": "google", "providerId": "google", "enabled": true,
                                        "config": {"clientId": "id", "clientSecret": "secret"}}]""");
    }

    @Test
    void newAndExistingEmailsGetTheSameAnswerAndOnlyMail(Lanyard lanyard) throws Exception {
        String email = uniqueEmail();
        Reply created = lanyard.browser().postJson(api("/public/register"), registration(email, PASSWORD, "New User"));
        assertEquals(202, created.status(), created.toString());
        assertEquals("{\"status\":\"verification_required\"}", created.body());
        assertTrue(created.setCookie("public-session").isEmpty(), "nobody is signed in before verifying");
        MimeMessage verify = lanyard.awaitMail(email);
        assertTrue(Lanyard.mailText(verify).contains("/login-actions/action-token?key="), "Keycloak's verify-email link");

        Reply again = lanyard.browser().postJson(api("/public/register"), registration(email, "Other-Password-2", "Some One"));
        assertEquals(created.status(), again.status());
        assertEquals(created.body(), again.body());
        awaitMailCount(email, 2);
        MimeMessage[] mails = lanyard.mail().getReceivedMessagesForDomain(email);
        assertEquals("Sign-up attempt with your email", mails[mails.length - 1].getSubject());

        Reply login = lanyard.browser().postJson(api("/public/login"), credentials(email, PASSWORD));
        assertEquals(403, login.status(), login.toString());
        assertEquals("VERIFY_EMAIL", login.json().get("required_action").asText());
        Reply otherPassword = lanyard.browser().postJson(api("/public/login"), credentials(email, "Other-Password-2"));
        assertEquals(401, otherPassword.status(), "the second registration changed nothing");
    }

    @Test
    void socialOnlyAccountNeverGetsTheCallersPasswordOnlyOneItsOwnerChooses(Lanyard lanyard) throws Exception {
        String email = uniqueEmail();
        String userId = lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true}""".formatted(email, email));
        lanyard.admin().must("POST", "/" + realm + "/users/" + userId + "/federated-identity/google",
                "{\"identityProvider\": \"google\", \"userId\": \"g-" + userId + "\", \"userName\": \"" + email + "\"}");

        String attackersPassword = PASSWORD;
        Reply registered = lanyard.browser().postJson(api("/public/register"), registration(email, attackersPassword, "Social User"));
        assertEquals(202, registered.status(), registered.toString());
        assertEquals("{\"status\":\"verification_required\"}", registered.body(), "the same answer as any registration");
        assertEquals(401, lanyard.browser().postJson(api("/public/login"), credentials(email, attackersPassword)).status());
        assertTrue(lanyard.admin().getJson("/" + realm + "/users/" + userId + "/credentials").isEmpty(),
                "nothing of the caller's password is stored");

        MimeMessage mail = lanyard.awaitMail(email);
        assertEquals("Set a password for your account", mail.getSubject());
        Matcher link = ACTION_LINK.matcher(Lanyard.mailText(mail));
        assertTrue(link.find(), Lanyard.mailText(mail));

        // The owner follows Keycloak's update-password action and chooses a password of their own.
        Browser owner = lanyard.browser();
        Reply hop = owner.get(URI.create(link.group()));
        Document page = Jsoup.parse(hop.body());
        for (int i = 0; i < 5 && page.select("input[name=password-new]").isEmpty(); i++) {
            String next = hop.header("Location").orElse(page.select("a[href*=login-actions]").attr("href"));
            assertFalse(next.isEmpty(), "a way on to the update-password page: " + hop);
            hop = owner.get(URI.create(next));
            page = Jsoup.parse(hop.body());
        }
        String ownersPassword = "Owners-Own-Choice-7";
        Reply set = owner.postForm(URI.create(page.select("form#kc-passwd-update-form").attr("action")),
                Map.of("password-new", ownersPassword, "password-confirm", ownersPassword));
        assertTrue(set.status() == 200 || set.status() == 302, set.toString());

        assertEquals(200, lanyard.browser().postJson(api("/public/login"), credentials(email, ownersPassword)).status(),
                "the owner's own password works");
        assertEquals(401, lanyard.browser().postJson(api("/public/login"), credentials(email, attackersPassword)).status(),
                "the caller's password never does");
    }

    @Test
    void takenUsernameWithANewEmailAnswersAsANewRegistration(Lanyard lanyard) {
        String taken = uniqueEmail();
        lanyard.admin().createUser(realm, "owner-" + taken.substring(2, 14), taken);
        String newEmail = uniqueEmail();
        Reply reply = lanyard.browser().postJson(api("/public/register"), """
                {"email": "%s", "password": "%s", "name": "Taken Name", "username": "%s"}""".formatted(newEmail, PASSWORD, "owner-" + taken.substring(2, 14)));
        Reply fresh = lanyard.browser().postJson(api("/public/register"), registration(uniqueEmail(), PASSWORD, "Fresh Name"));
        assertEquals(fresh.status(), reply.status(), reply.toString());
        assertEquals(fresh.body(), reply.body());
        assertTrue(lanyard.admin().getJson("/" + realm + "/users?exact=true&email=" + newEmail).isEmpty(), "no account was made");
    }

    @Test
    void aBadNameAnswersAlikeForANewAndAnExistingEmail(Lanyard lanyard) {
        String existing = uniqueEmail();
        lanyard.admin().createUser(realm, existing, existing);
        String badName = "x".repeat(300) + " Name";
        Reply fresh = lanyard.browser().postJson(api("/public/register"), registration(uniqueEmail(), PASSWORD, badName));
        Reply taken = lanyard.browser().postJson(api("/public/register"), registration(existing, PASSWORD, badName));
        assertEquals(400, fresh.status(), fresh.toString());
        assertEquals(fresh.status(), taken.status(), taken.toString());
        assertEquals(fresh.body(), taken.body());

        lanyard.admin().must("PUT", "/" + realm, "{\"passwordPolicy\": \"length(8) and notEmail(undefined)\"}");
        String newEmail = uniqueEmail();
        Reply freshPolicy = lanyard.browser().postJson(api("/public/register"), registration(newEmail, newEmail, "Policy Person"));
        Reply takenPolicy = lanyard.browser().postJson(api("/public/register"), registration(existing, existing, "Policy Person"));
        assertEquals(400, freshPolicy.status(), freshPolicy.toString());
        assertEquals(freshPolicy.status(), takenPolicy.status(), takenPolicy.toString());
    }

    @Test
    void registrationIsRateLimitedPerEmail(Lanyard lanyard) {
        String email = uniqueEmail();
        for (int i = 0; i < 5; i++) {
            Reply reply = lanyard.browser().postJson(api("/public/register"), registration(email, PASSWORD, "Rate Limited"));
            assertEquals(202, reply.status(), "request " + i + ": " + reply);
        }
        Reply limited = lanyard.browser().postJson(api("/public/register"), registration(email, PASSWORD, "Rate Limited"));
        assertEquals(429, limited.status(), limited.toString());
        assertEquals("too_many_requests", limited.json().get("error").asText());
        assertTrue(limited.header("Retry-After").isPresent(), "Retry-After says when to come back");
    }

    @Test
    void withTheRealmsRegistrationSwitchOffEveryoneIsRefusedAlikeAndNothingIsWrittenOrCounted(Lanyard lanyard) {
        String closed = lanyard.newRealm("reg-off", ", \"registrationAllowed\": false");
        assertFalse(lanyard.admin().getJson("/" + closed).get("registrationAllowed").asBoolean(), "the later JSON key wins");
        String existing = uniqueEmail();
        lanyard.admin().createUser(closed, existing, existing);
        URI register = lanyard.realm(closed, "/api/public/register");

        String fresh = uniqueEmail();
        Reply refused = lanyard.browser().postJson(register, registration(fresh, PASSWORD, "New User"));
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("registration_disabled", refused.json().get("error").asText());
        assertTrue(refused.json().has("error_description"), refused.toString());
        assertTrue(lanyard.admin().userId(closed, fresh).isEmpty(), "no account made");
        Reply taken = lanyard.browser().postJson(register, registration(existing, PASSWORD, "New User"));
        assertEquals(refused.status(), taken.status(), "an existing email gets the same answer: " + taken);
        assertEquals(refused.body(), taken.body());
        for (int i = 0; i < 6; i++) {
            assertEquals(403, lanyard.browser().postJson(register, registration(fresh, PASSWORD, "New User")).status(),
                    "never a 429: refused requests are not counted");
        }

        lanyard.admin().must("PUT", "/" + closed, "{\"registrationAllowed\": true}");
        Reply opened = lanyard.browser().postJson(register, registration(fresh, PASSWORD, "New User"));
        assertEquals(201, opened.status(), "the same request once the switch is on: " + opened);
    }

    @Test
    void passwordRefusedByAPolicyThatNeedsTheAccountRollsTheNewAccountBack(Lanyard lanyard) {
        lanyard.admin().must("PUT", "/" + realm, "{\"passwordPolicy\": \"length(8) and notEmail(undefined)\"}");
        String email = uniqueEmail();
        Reply reply = lanyard.browser().postJson(api("/public/register"), """
                {"email": "%s", "password": "%s", "name": "Roll Back", "username": "%s"}""".formatted(email, email, "roll-" + email.substring(2, 14)));
        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid_request", reply.json().get("error").asText());
        assertTrue(lanyard.admin().getJson("/" + realm + "/users?exact=true&email=" + email).isEmpty(),
                "the account made before the password was refused is rolled back");
        assertTrue(lanyard.admin().userId(realm, "roll-" + email.substring(2, 14)).isEmpty());
    }

    /**
     * A self-service role that is, or holds, a role of the realm's realm-management client (here set straight in the
     * realm's JSON, past the console's check) is never granted: the register answers as for a role not offered.
     */
    @Test
    void selfServiceRoleHoldingRealmManagementRolesIsNeverGranted(Lanyard lanyard) {
        String adminRoles = lanyard.newRealm("reg-roles", """
                , "attributes": {"lanyard.register.selfServiceRoles": "member, power, deputy"},
                  "roles": {"realm": [{"name": "member"}, {"name": "unoffered"},
                    {"name": "power", "composite": true, "composites": {"client": {"realm-management": ["manage-users"]}}},
                    {"name": "deputy", "composite": true, "composites": {"realm": ["power"]}}]}""");
        Reply unoffered = lanyard.browser().postJson(lanyard.realm(adminRoles, "/api/public/register"),
                registrationAsking(uniqueEmail(), "unoffered"));
        assertEquals(400, unoffered.status(), unoffered.toString());

        for (String role : List.of("power", "deputy")) {
            String email = uniqueEmail();
            Reply reply = lanyard.browser().postJson(lanyard.realm(adminRoles, "/api/public/register"), registrationAsking(email, role));
            assertFalse(realmRoles(adminRoles, email).contains(role), role + " granted: " + reply);
            assertFalse(clientRoles(adminRoles, email, "realm-management").contains("manage-users"), role + " grants manage-users");
            assertEquals(unoffered.status(), reply.status(), role + ": " + reply);
            assertEquals(unoffered.json().get("error"), reply.json().get("error"), role + ": " + reply);
        }

        String email = uniqueEmail();
        Reply member = lanyard.browser().postJson(lanyard.realm(adminRoles, "/api/public/register"), registrationAsking(email, "member"));
        assertEquals(201, member.status(), member.toString());
        assertTrue(realmRoles(adminRoles, email).contains("member"), "an ordinary self-service role is granted");
    }

    private static String registrationAsking(String email, String role) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Role Seeker\",\"role\":\"" + role + "\"}";
    }

    /** The realm roles the user of {@code username} holds, composites expanded; none when there is no such user. */
    private Set<String> realmRoles(String realmName, String username) {
        return lanyard.admin().userId(realmName, username)
                .map(id -> roleNames(lanyard.admin().getJson("/" + realmName + "/users/" + id + "/role-mappings/realm/composite")))
                .orElse(Set.of());
    }

    /** The roles of client {@code clientId} the user of {@code username} holds, composites expanded. */
    private Set<String> clientRoles(String realmName, String username, String clientId) {
        String client = lanyard.admin().client(realmName, clientId).get("id").asText();
        return lanyard.admin().userId(realmName, username)
                .map(id -> roleNames(lanyard.admin().getJson("/" + realmName + "/users/" + id + "/role-mappings/clients/" + client + "/composite")))
                .orElse(Set.of());
    }

    private static Set<String> roleNames(JsonNode roles) {
        return StreamSupport.stream(roles.spliterator(), false).map(role -> role.get("name").asText()).collect(Collectors.toSet());
    }

    private void awaitMailCount(String email, int count) throws InterruptedException {
        for (int i = 0; i < 100 && lanyard.mail().getReceivedMessagesForDomain(email).length < count; i++) {
            Thread.sleep(100);
        }
        assertEquals(count, lanyard.mail().getReceivedMessagesForDomain(email).length);
    }

    private URI api(String path) {
        return lanyard.realm(realm, "/api" + path);
    }
}
