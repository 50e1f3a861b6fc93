<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
<@mail.paragraph>${msg("lanyardMagicLinkIntro", realmName)}</@mail.paragraph>
<@mail.button href=link label=msg("lanyardMagicLinkButton")/>
<@mail.paragraph>${msg("lanyardMagicLinkExpiry", linkExpirationMinutes)}</@mail.paragraph>
</@mail.layout>
