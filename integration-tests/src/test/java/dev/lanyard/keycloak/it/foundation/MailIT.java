package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The realm's mail reaches GreenMail, rendered with the lanyard email theme. */
@ExtendWith(LanyardExtension.class)
class MailIT {

    @Test
    void realmMailIsDeliveredWithTheLanyardEmailTheme(Lanyard lanyard) throws Exception {
        String email = "mail-" + UUID.randomUUID() + "@example.com";
        String userId = lanyard.admin().createUser(Lanyard.DEMO_REALM, email, email);

        Reply sent = lanyard.admin().send("PUT", "/" + Lanyard.DEMO_REALM + "/users/" + userId + "/execute-actions-email",
                "[\"UPDATE_PASSWORD\"]");
        assertEquals(204, sent.status(), sent.toString());

        MimeMessage message = lanyard.awaitMail(email);
        assertEquals("Lanyard: update your account", message.getSubject());
    }
}
