<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
<@mail.paragraph>${msg("lanyardSetPasswordIntro", realmName)}</@mail.paragraph>
<@mail.paragraph>${msg("lanyardSetPasswordAction")}</@mail.paragraph>
<@mail.button href=link label=msg("lanyardSetPasswordButton")/>
<@mail.paragraph>${msg("lanyardSetPasswordExpiry", linkExpirationMinutes)}</@mail.paragraph>
</@mail.layout>
