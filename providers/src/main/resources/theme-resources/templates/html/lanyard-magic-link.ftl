<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("lanyardMagicLinkBodyHtml", link, linkExpirationMinutes, realmName))?no_esc}
</@layout.emailLayout>
