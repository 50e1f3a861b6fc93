<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("lanyardSetPasswordBodyHtml", link, linkExpirationMinutes, realmName))?no_esc}
</@layout.emailLayout>
