// Words that say nothing about what a message is about: English function words and the
// politeness and question words people wrap a request to an agent in. Apostrophes are removed
// before lookup, so "don't" is "dont".
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before
  being below between both but by can cant could couldnt did didnt do does doesnt doing dont
  down during each else ever few for from further get gets got had hadnt has hasnt have havent
  having he hed hes her here heres hers herself him himself his how hows i id ill im ive if in
  into is isnt it its itself just lets like me more most mustnt my myself no nor not now of off
  on once only or other ought our ours ourselves out over own same shant she shed shes should
  shouldnt so some such than that thats the their theirs them themselves then there theres
  these they theyd theyll theyre theyve this those through to too under until up us very was
  wasnt we wed well were weve werent what whats when whens where wheres which while who whos
  whom why whys will with wont would wouldnt you youd youll youre youve your yours yourself
  yourselves
  hi hello hey thanks thank thx please pls ok okay yes yeah sure know tell think say said see
  look let make want need help find anything something everything one ones thing things still
  maybe quick question remind remember`
    .split(/\s+/)
    .filter((word) => word !== ""),
);
