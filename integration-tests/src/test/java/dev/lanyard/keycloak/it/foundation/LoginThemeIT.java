package dev.lanyard.keycloak.it.foundation;

import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LanyardExtension.class)
class LoginThemeIT {

    @Test
    void loginPageIsRenderedWithTheLanyardTheme(Lanyard lanyard) {
        URI authorize = lanyard.realm(Lanyard.DEMO_REALM, "/protocol/openid-connect/auth"
                + "?client_id=lanyard-demo-spa&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A5173%2Fcallback"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        Reply reply = lanyard.browser().get(authorize);
        assertEquals(200, reply.status(), reply.toString());

        Document page = Jsoup.parse(reply.body());
        assertFalse(page.select("link[href*=/resources/][href$=/login/lanyard/css/lanyard.css]").isEmpty(),
                "the page links the lanyard stylesheet: " + page.select("link"));
        assertTrue(page.select(".lanyard-brand").text().contains("Lanyard"), "the brand line is shown");
        assertFalse(page.select("input[name=username]").isEmpty(), "it is the login form");
    }

    @Test
    void themeStylesheetIsServed(Lanyard lanyard) {
        Reply page = lanyard.browser().get(lanyard.realm(Lanyard.DEMO_REALM, "/protocol/openid-connect/auth"
                + "?client_id=lanyard-demo-app&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback"));
        String href = Jsoup.parse(page.body()).select("link[href$=css/lanyard.css]").attr("href");
        Reply css = lanyard.browser().get(lanyard.baseUri().resolve(href));
        assertEquals(200, css.status(), href);
        assertTrue(css.body().contains(".lanyard-brand"), css.body());
    }
}
