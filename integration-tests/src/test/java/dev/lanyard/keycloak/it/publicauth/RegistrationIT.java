package dev.lanyard.keycloak.it.publicauth;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern CONFIRM_LINK = Pattern.compile("http://\\S+/api/public/confirm-password\\?token=[A-Za-z0-9_-]+");

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

        Reply again = lanyard.browser().postJson(api("/public/register"), registration(email, "Other-Password-2", "Someone"));
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
    void socialOnlyAccountGetsThePasswordOnlyAfterTheMailedLinkIsConfirmed(Lanyard lanyard) throws Exception {
        String email = uniqueEmail();
        String userId = lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true}""".formatted(email, email));
        lanyard.admin().must("POST", "/" + realm + "/users/" + userId + "/federated-identity/google",
                "{\"identityProvider\": \"google\", \"userId\": \"g-" + userId + "\", \"userName\": \"" + email + "\"}");

        Reply registered = lanyard.browser().postJson(api("/public/register"), registration(email, PASSWORD, "Social User"));
        assertEquals(202, registered.status(), registered.toString());
        assertEquals("{\"status\":\"verification_required\"}", registered.body(), "the same answer as any registration");
        assertEquals(401, lanyard.browser().postJson(api("/public/login"), credentials(email, PASSWORD)).status(),
                "the password is not usable before the owner confirms");

        MimeMessage mail = lanyard.awaitMail(email);
        assertEquals("Confirm your new password", mail.getSubject());
        Matcher link = CONFIRM_LINK.matcher(Lanyard.mailText(mail));
        assertTrue(link.find(), Lanyard.mailText(mail));
        URI confirm = URI.create(link.group());

        Browser owner = lanyard.browser();
        Reply page = owner.get(confirm);
        assertEquals(200, page.status(), page.toString());
        Document form = Jsoup.parse(page.body());
        assertFalse(form.select("form#lanyard-confirm-form[method=post]").isEmpty(), page.body());
        assertEquals(200, owner.get(confirm).status(), "opening the link (as a mail scanner does) consumes nothing");
        assertEquals(401, lanyard.browser().postJson(api("/public/login"), credentials(email, PASSWORD)).status());

        String token = form.select("input[name=token]").val();
        Reply confirmed = owner.postForm(confirm, Map.of("token", token));
        assertEquals(200, confirmed.status(), confirmed.toString());
        assertEquals(200, lanyard.browser().postJson(api("/public/login"), credentials(email, PASSWORD)).status(),
                "the password works once confirmed");

        Reply reused = owner.postForm(confirm, Map.of("token", token));
        assertEquals(400, reused.status(), "the link works once");
        assertEquals(400, owner.get(confirm).status());
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
